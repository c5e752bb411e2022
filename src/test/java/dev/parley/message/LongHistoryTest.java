package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A channel with 10,000 messages (stored directly, to keep the test short) pages through the API completely. */
@QuarkusTest
class LongHistoryTest {

    private static final int MESSAGES = 10_000;

    @Inject
    Dynamo dynamo;

    @Test
    void tenThousandMessagesPageThroughEachExactlyOnceNewestFirst() throws Exception {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        List<String> stored = store(general, ada.userId());

        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>(Map.of("c", general, "first", 200));
            if (after != null) {
                variables.put("after", after);
            }
            GraphQLClient.Result page = ada.client().execute(
                    "query($c: ID!, $first: Int, $after: String) { messages(channelId: $c, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                    variables).assertNoErrors();
            seen.addAll(page.json().getList("data.messages.nodes.id"));
            more = (Boolean) page.data("messages.pageInfo.hasNextPage");
            after = page.string("messages.pageInfo.endCursor");
        }
        assertEquals(MESSAGES, seen.size());
        assertEquals(MESSAGES, new HashSet<>(seen).size(), "none twice");
        java.util.Collections.reverse(stored);
        assertEquals(stored, seen, "newest first, all of them");
    }

    private List<String> store(String channelId, String authorId) throws Exception {
        Instant start = Instant.now().minusSeconds(MESSAGES);
        List<String> ids = new ArrayList<>();
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Instant at = start.plusSeconds(i);
            String id = Ids.newId(at);
            ids.add(id);
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Dynamo.item(
                    "channelId", Items.s(channelId), "messageId", Items.s(id), "userId", Items.s(authorId),
                    "text", Items.s("message " + i), "createdAt", Items.time(at), "deleted", Items.bool(false),
                    "clientMessageId", Items.s("bulk-" + i))).build()).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += 25) {
                List<WriteRequest> batch = requests.subList(from, Math.min(requests.size(), from + 25));
                writes.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(dynamo.name(Table.MESSAGES), batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = dynamo.client().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }
}
