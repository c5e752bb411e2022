package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MessageTest {

    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id text createdAt deleted author { id } channel { id } } }";
    private static final String HISTORY = "query($c: ID!, $first: Int, $after: String) { messages(channelId: $c, first: $first, after: $after) {"
            + " nodes { id text deleted editedAt author { id } } pageInfo { hasNextPage endCursor } } }";
    private static final String EDIT = "mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id text editedAt } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id text deleted author { id } createdAt } }";

    @Inject
    Dynamo dynamo;

    @Test
    void aSentMessageIsInHistoryNewestFirst() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String first = send(ada, general, "hello").string("sendMessage.id");
        GraphQLClient.Result second = send(ada, general, "world");
        assertEquals(ada.userId(), second.string("sendMessage.author.id"));
        assertEquals(general, second.string("sendMessage.channel.id"));
        List<String> texts = history(ada, general, null).json().getList("data.messages.nodes.text");
        assertEquals(List.of("world", "hello"), texts);
        assertEquals("hello", ada.client().execute("query($id: ID!) { message(id: $id) { text } }", Map.of("id", first)).string("message.text"));
    }

    @Test
    void strangersAndNonMembersCannotReadOrSend() {
        Teams.Team team = Teams.withMembers(1);
        String secret = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("secret"), true);
        String messageId = send(team.owner(), secret, "for owners").string("sendMessage.id");
        Accounts.Account stranger = Accounts.register();
        Accounts.Account outsider = team.member(0);
        for (Accounts.Account nosy : List.of(stranger, outsider)) {
            assertEquals("NOT_FOUND", send(nosy, secret, "let me in").errorCode());
            assertEquals("NOT_FOUND", history(nosy, secret, null).errorCode());
            assertEquals("NOT_FOUND", nosy.client().execute("query($id: ID!) { message(id: $id) { text } }", Map.of("id", messageId)).errorCode());
        }
        // A public channel the member has not joined: readable, but joining comes before posting.
        String open = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("open"), false);
        assertEquals("FORBIDDEN", send(outsider, open, "hi").errorCode());
        history(outsider, open, null).assertNoErrors();
        assertEquals(1, history(team.owner(), secret, null).json().getList("data.messages.nodes").size());
    }

    @Test
    void overLongOrEmptyTextIsRefusedAndNothingIsStored() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        GraphQLClient.Result tooLong = send(ada, general, "x".repeat(40_001));
        assertEquals("BAD_USER_INPUT", tooLong.errorCode());
        assertEquals("text", tooLong.errorExtension("field"));
        assertEquals("BAD_USER_INPUT", send(ada, general, "   ").errorCode());
        assertEquals("clientMessageId", ada.client().execute(SEND, Map.of("i", Map.of("channelId", general, "text", "hi",
                "clientMessageId", "has space"))).errorExtension("field"));
        assertEquals(0, storedMessages(general));
        send(ada, general, "x".repeat(40_000)).assertNoErrors();
        assertEquals(1, storedMessages(general));
    }

    @Test
    void theSameClientMessageIdSentTwiceInParallelStoresOneMessage() throws Exception {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String clientMessageId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> senders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                senders.add(() -> ada.client().execute(SEND, Map.of("i", Map.of("channelId", general, "text", "once",
                        "clientMessageId", clientMessageId))).string("sendMessage.id"));
            }
            HashSet<String> ids = new HashSet<>();
            for (Future<String> id : pool.invokeAll(senders)) {
                ids.add(id.get());
            }
            assertEquals(1, ids.size(), "every retry got the first message: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, storedMessages(general));
        // Another sender may use the same clientMessageId: it is scoped per sender.
        Accounts.Account bob = WorkspaceOps.newMember(ada, ada.workspaceId());
        bob.client().execute(SEND, Map.of("i", Map.of("channelId", general, "text", "mine", "clientMessageId", clientMessageId))).assertNoErrors();
        assertEquals(2, storedMessages(general));
    }

    @Test
    void onlyTheAuthorEditsAndOnlyWithinTheWindow() {
        Accounts.Account ada = Accounts.register();
        Accounts.Account bob = WorkspaceOps.newMember(ada, ada.workspaceId());
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String id = send(ada, general, "typo").string("sendMessage.id");

        assertEquals("FORBIDDEN", bob.client().execute(EDIT, Map.of("id", id, "t", "hijacked")).errorCode());
        assertEquals("typo", text(ada, id));
        GraphQLClient.Result edited = ada.client().execute(EDIT, Map.of("id", id, "t", "fixed"));
        assertEquals("fixed", edited.string("editMessage.text"));
        assertTrue(edited.string("editMessage.editedAt") != null);

        backdate(general, id, Instant.now().minusSeconds(6 * 60));
        assertEquals("EDIT_WINDOW_CLOSED", ada.client().execute(EDIT, Map.of("id", id, "t", "too late")).errorCode());
        assertEquals("fixed", text(ada, id));
        assertEquals("BAD_USER_INPUT", ada.client().execute(EDIT, Map.of("id", "bad-id", "t", "x")).errorCode());
    }

    @Test
    void deletingLeavesATombstoneAndNeedsTheAuthorTheCreatorOrAnAdmin() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account author = team.member(0);
        Accounts.Account bystander = team.member(1);
        String general = WorkspaceOps.channelId(author, team.workspaceId(), "general");
        String first = send(author, general, "regrettable").string("sendMessage.id");
        String second = send(author, general, "also regrettable").string("sendMessage.id");

        assertEquals("FORBIDDEN", bystander.client().execute(DELETE, Map.of("id", first)).errorCode());
        assertEquals("regrettable", text(author, first));

        GraphQLClient.Result tombstone = author.client().execute(DELETE, Map.of("id", first));
        assertEquals(true, tombstone.data("deleteMessage.deleted"));
        assertNull(tombstone.data("deleteMessage.text"));
        assertEquals(author.userId(), tombstone.string("deleteMessage.author.id"));
        assertEquals(true, team.owner().client().execute(DELETE, Map.of("id", second)).data("deleteMessage.deleted"), "an admin may");

        List<Map<String, Object>> nodes = history(bystander, general, null).json().getList("data.messages.nodes");
        assertEquals(2, nodes.size(), "tombstones keep their place in history");
        assertTrue(nodes.stream().allMatch(n -> Boolean.TRUE.equals(n.get("deleted")) && n.get("text") == null));
        assertEquals("NOT_FOUND", author.client().execute(EDIT, Map.of("id", first, "t", "undo")).errorCode());
    }

    @Test
    void archivedChannelsTakeNoMessages() {
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("done"), false);
        ada.client().execute("mutation($id: ID!) { archiveChannel(id: $id) { id } }", Map.of("id", channel)).assertNoErrors();
        GraphQLClient.Result refused = send(ada, channel, "anyone?");
        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertEquals("CHANNEL_ARCHIVED", refused.errorExtension("subCode"));
        assertEquals(0, storedMessages(channel));
    }

    @Test
    void historyPagesThroughEveryMessageOnceNewestFirst() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(send(ada, general, "m" + i).string("sendMessage.id"));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more;
        do {
            GraphQLClient.Result page = history(ada, general, after);
            seen.addAll(page.json().getList("data.messages.nodes.id"));
            more = (Boolean) page.data("messages.pageInfo.hasNextPage");
            after = page.string("messages.pageInfo.endCursor");
        } while (more);
        java.util.Collections.reverse(sent);
        assertEquals(sent, seen);
    }

    private static GraphQLClient.Result send(Accounts.Account who, String channelId, String text) {
        return Messages.send(who, channelId, text, null);
    }

    private static GraphQLClient.Result history(Accounts.Account who, String channelId, String after) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("c", channelId, "first", 10));
        if (after != null) {
            variables.put("after", after);
        }
        return who.client().execute(HISTORY, variables);
    }

    private static String text(Accounts.Account who, String messageId) {
        return who.client().execute("query($id: ID!) { message(id: $id) { text } }", Map.of("id", messageId)).string("message.text");
    }

    private int storedMessages(String channelId) {
        return dynamo.client().query(b -> b.tableName(dynamo.name(Table.MESSAGES)).keyConditionExpression("channelId = :c")
                .expressionAttributeValues(Map.of(":c", Items.s(channelId)))).count();
    }

    private void backdate(String channelId, String messageId, Instant createdAt) {
        dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.MESSAGES)).key(Items.key("channelId", channelId, "messageId", messageId))
                .updateExpression("SET createdAt = :t").expressionAttributeValues(Map.of(":t", Items.time(createdAt))));
    }
}
