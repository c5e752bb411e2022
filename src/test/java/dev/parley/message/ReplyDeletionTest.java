package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** Deleting a thread reply takes it out of its root's summary, in the same transaction, once. */
@QuarkusTest
class ReplyDeletionTest {

    private static final String SUMMARY = "query($id: ID!) { message(id: $id) { replyCount lastReplyAt createdAt replyUsers { id } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id deleted } }";
    private static final String EVENTS = "subscription { events { type message { id replyCount } } }";

    @Test
    void eachDeletedReplyLeavesTheRootsSummaryAndIsAnnouncedAsAThreadUpdate() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String root = Messages.post(ann, general, "root");
        String one = Messages.reply(ann, general, "one", root);
        String two = Messages.reply(bob, general, "two", root);
        String three = Messages.reply(ann, general, "three", root);
        assertSummary(ann, root, 3, createdAt(ann, three), Set.of(ann.userId(), bob.userId()));

        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");

            delete(ann, three);
            assertEquals(List.of("MESSAGE_DELETED " + three + " 0", "THREAD_UPDATED " + root + " 2"), next(socket, 2));
            assertSummary(ann, root, 2, createdAt(ann, two), Set.of(ann.userId(), bob.userId()));

            delete(ann, one);
            assertEquals(List.of("MESSAGE_DELETED " + one + " 0", "THREAD_UPDATED " + root + " 1"), next(socket, 2));
            assertSummary(ann, root, 1, createdAt(ann, two), Set.of(bob.userId()));

            delete(ann, one);
            String sentinel = Messages.post(ann, general, "after deleting twice");
            assertEquals(List.of("MESSAGE_CREATED " + sentinel + " 0"), next(socket, 1), "deleting again announced nothing");
            assertSummary(ann, root, 1, createdAt(ann, two), Set.of(bob.userId()));

            delete(bob, two);
            assertEquals(List.of("MESSAGE_DELETED " + two + " 0", "THREAD_UPDATED " + root + " 0"), next(socket, 2));
            assertSummary(ann, root, 0, null, Set.of());
        }
    }

    @Test
    void concurrentDeletionsInOneThreadEndWithTheRightSummary() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String root = Messages.post(ann, general, "root");
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            doomed.add(Messages.reply(i % 2 == 0 ? ann : bob, general, "reply " + i, root));
        }
        String survivor = Messages.reply(bob, general, "the survivor", root);
        String newest = Messages.reply(ann, general, "the newest, deleted too", root);
        doomed.add(newest);

        ExecutorService pool = Executors.newFixedThreadPool(doomed.size());
        try {
            List<Callable<GraphQLClient.Result>> deletions = doomed.stream()
                    .<Callable<GraphQLClient.Result>>map(id -> () -> ann.client().execute(DELETE, Map.of("id", id))).toList();
            for (Future<GraphQLClient.Result> deleted : pool.invokeAll(deletions)) {
                deleted.get().assertNoErrors();
            }
        } finally {
            pool.shutdownNow();
        }
        assertSummary(ann, root, 1, createdAt(ann, survivor), Set.of(bob.userId()));
    }

    private static void delete(Account who, String messageId) {
        who.client().execute(DELETE, Map.of("id", messageId)).assertNoErrors();
    }

    private static List<String> next(SocketClient socket, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonPath event = socket.nextOf("next");
            events.add(event.getString("payload.data.events.type") + " " + event.getString("payload.data.events.message.id")
                    + " " + event.getInt("payload.data.events.message.replyCount"));
        }
        return events;
    }

    private static String createdAt(Account who, String messageId) {
        return who.client().execute(SUMMARY, Map.of("id", messageId)).string("message.createdAt");
    }

    private static void assertSummary(Account who, String rootId, int replyCount, String lastReplyAt, Set<String> replyUsers) {
        GraphQLClient.Result root = who.client().execute(SUMMARY, Map.of("id", rootId)).assertNoErrors();
        assertEquals(replyCount, ((Number) root.data("message.replyCount")).intValue(), "replyCount");
        if (lastReplyAt == null) {
            assertNull(root.string("message.lastReplyAt"), "lastReplyAt");
        } else {
            assertEquals(lastReplyAt, root.string("message.lastReplyAt"), "lastReplyAt");
        }
        List<Map<String, String>> users = root.json().getList("data.message.replyUsers");
        assertEquals(replyUsers, Set.copyOf(users.stream().map(u -> u.get("id")).toList()), "replyUsers");
    }
}
