package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.DynamoCallCounter;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ThreadAndReactionTest {

    private static final String ROOT = "query($id: ID!) { message(id: $id) { replyCount lastReplyAt replyUsers { id } deleted text } }";
    private static final String THREAD = "query($id: ID!, $after: String) { thread(messageId: $id, first: 20, after: $after) { nodes { id text threadId } pageInfo { hasNextPage endCursor } } }";
    private static final String REACT = "mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { reactions { emoji count reactedByMe users { id } } } }";
    private static final String UNREACT = "mutation($id: ID!, $e: String!) { removeReaction(messageId: $id, emoji: $e) { reactions { emoji count reactedByMe } } }";

    @Test
    void fiftyConcurrentRepliesCountFifty() throws Exception {
        Teams.Team team = Teams.withMembers(2);
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        String root = Messages.send(team.owner(), general, "discuss", null).string("sendMessage.id");
        List<Accounts.Account> repliers = List.of(team.owner(), team.member(0), team.member(1));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<String>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Accounts.Account who = repliers.get(i % repliers.size());
                int n = i;
                replies.add(() -> Messages.send(who, general, "reply " + n, root).string("sendMessage.id"));
            }
            for (Future<String> reply : pool.invokeAll(replies)) {
                reply.get();
            }
        } finally {
            pool.shutdownNow();
        }
        GraphQLClient.Result summary = team.member(0).client().execute(ROOT, Map.of("id", root));
        assertEquals(50, summary.data("message.replyCount"));
        assertEquals(3, summary.json().getList("data.message.replyUsers").size());
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more;
        do {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of("id", root));
            if (after != null) {
                variables.put("after", after);
            }
            GraphQLClient.Result page = team.owner().client().execute(THREAD, variables);
            seen.addAll(page.json().getList("data.thread.nodes.id"));
            more = (Boolean) page.data("thread.pageInfo.hasNextPage");
            after = page.string("thread.pageInfo.endCursor");
        } while (more);
        assertEquals(50, seen.size());
        assertEquals(seen.stream().sorted().toList(), seen, "oldest first");
        // Replies stay out of the channel's top-level history.
        assertEquals(List.of(root), team.owner().client().execute("query($c: ID!) { messages(channelId: $c) { nodes { id } } }",
                Map.of("c", general)).json().getList("data.messages.nodes.id"));
    }

    @Test
    void replyingToAReplyAttachesToTheRootAndDeletingTheRootKeepsReplies() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String root = Messages.send(ada, general, "root", null).string("sendMessage.id");
        String reply = Messages.send(ada, general, "first reply", root).string("sendMessage.id");
        GraphQLClient.Result nested = Messages.send(ada, general, "reply to the reply", reply);
        assertEquals(root, nested.string("sendMessage.threadId"));
        assertEquals(2, ada.client().execute(ROOT, Map.of("id", root)).data("message.replyCount"));

        ada.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { id } }", Map.of("id", root)).assertNoErrors();
        GraphQLClient.Result tombstone = ada.client().execute(ROOT, Map.of("id", root));
        assertEquals(true, tombstone.data("message.deleted"));
        assertNull(tombstone.data("message.text"));
        assertEquals(2, tombstone.data("message.replyCount"));
        assertEquals(2, ada.client().execute(THREAD, Map.of("id", root)).json().getList("data.thread.nodes").size());
        GraphQLClient.Result orphan = Messages.send(ada, general, "orphan", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertEquals("BAD_USER_INPUT", orphan.errorCode());
        assertEquals("threadId", orphan.errorExtension("field"));
    }

    @Test
    void reactionsAreIdempotentAndAggregatedPerEmoji() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String id = Messages.send(ada, general, "ship it", null).string("sendMessage.id");

        ada.client().execute(REACT, Map.of("id", id, "e", ":tada:")).assertNoErrors();
        ada.client().execute(REACT, Map.of("id", id, "e", ":tada:")).assertNoErrors();
        bob.client().execute(REACT, Map.of("id", id, "e", ":tada:")).assertNoErrors();
        GraphQLClient.Result both = bob.client().execute(REACT, Map.of("id", id, "e", "👍"));
        List<Map<String, Object>> reactions = both.json().getList("data.addReaction.reactions");
        assertEquals(2, reactions.size());
        assertEquals(":tada:", reactions.get(0).get("emoji"));
        assertEquals(2, reactions.get(0).get("count"));
        assertEquals(true, reactions.get(0).get("reactedByMe"));
        assertEquals(1, reactions.get(1).get("count"));

        GraphQLClient.Result removed = ada.client().execute(UNREACT, Map.of("id", id, "e", ":tada:"));
        ada.client().execute(UNREACT, Map.of("id", id, "e", ":tada:")).assertNoErrors();
        List<Map<String, Object>> after = removed.json().getList("data.removeReaction.reactions");
        assertTrue(after.stream().anyMatch(r -> ":tada:".equals(r.get("emoji")) && Integer.valueOf(1).equals(r.get("count"))
                && Boolean.FALSE.equals(r.get("reactedByMe"))));

        for (String bad : List.of("tada", ":Tada:", "::", "not an emoji", ":" + "x".repeat(65) + ":")) {
            GraphQLClient.Result refused = ada.client().execute(REACT, Map.of("id", id, "e", bad));
            assertEquals("BAD_USER_INPUT", refused.errorCode(), bad);
            assertEquals("emoji", refused.errorExtension("field"));
        }
        Accounts.Account stranger = Accounts.register();
        assertEquals("NOT_FOUND", stranger.client().execute(REACT, Map.of("id", id, "e", ":tada:")).errorCode());

        ada.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { id } }", Map.of("id", id)).assertNoErrors();
        assertEquals(List.of(), ada.client().execute("query($id: ID!) { message(id: $id) { reactions { emoji } } }", Map.of("id", id))
                .json().getList("data.message.reactions"), "a tombstone has no reactions");
    }

    @Test
    void aPageOfFiftyMessagesWithAuthorsReactionsAndThreadsCostsABoundedNumberOfCalls() {
        Teams.Team team = Teams.withMembers(2);
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        List<Accounts.Account> people = List.of(team.owner(), team.member(0), team.member(1));
        for (int i = 0; i < 50; i++) {
            Accounts.Account who = people.get(i % 3);
            String id = Messages.send(who, general, "message " + i + " <@" + team.owner().userId() + ">", null).string("sendMessage.id");
            if (i % 5 == 0) {
                people.get((i + 1) % 3).client().execute(REACT, Map.of("id", id, "e", ":eyes:")).assertNoErrors();
                Messages.send(people.get((i + 2) % 3), general, "reply", id).assertNoErrors();
            }
        }
        long before = DynamoCallCounter.foreground();
        GraphQLClient.Result page = team.member(0).client().execute("query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id text"
                + " author { id name } channel { id name } mentions { id } replyCount replyUsers { id name } lastReplyAt"
                + " reactions { emoji count reactedByMe users { id name } } } } }", Map.of("c", general)).assertNoErrors();
        long calls = DynamoCallCounter.foreground() - before;
        assertEquals(50, page.json().getList("data.messages.nodes").size());
        System.out.println("[measure] messages(first: 50) with authors, channel, mentions, thread summaries and reactions: " + calls
                + " DynamoDB calls");
        assertTrue(calls <= 12, "a page of 50 messages took " + calls + " calls: " + DynamoCallCounter.byOperation());
    }

}
