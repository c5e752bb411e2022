package dev.parley.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Each person's writes are limited (parley.rate-limit.*): beyond, RATE_LIMITED with retryAfterSeconds, and nothing is written. */
@QuarkusTest
class WriteLimitsTest {

    private static final String HISTORY = "query($c: ID!, $after: String) { messages(channelId: $c, first: 200, after: $after) {"
            + " nodes { id } pageInfo { hasNextPage endCursor } } }";

    @Inject
    ParleyConfig config;

    @Inject
    Dynamo dynamo;

    @Test
    void sendingBeyondTheLimitIsRefusedAndStoresNothing() throws Exception {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        ParleyConfig.RateLimit.Limit limit = config.rateLimit().sendMessage();
        inParallel(limit.limit(), i -> Messages.send(ada, general, "message " + i, null).assertNoErrors());
        assertLimited(Messages.send(ada, general, "one too many", null), limit);
        assertEquals(limit.limit(), history(ada, general).size());
    }

    @Test
    void mentioningEveryoneHasATighterLimitOfItsOwn() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        ParleyConfig.RateLimit.Limit limit = config.rateLimit().mentionEveryone();
        for (int i = 0; i < limit.limit(); i++) {
            Messages.send(ada, general, (i % 2 == 0 ? "@channel" : "@here") + " news " + i, null).assertNoErrors();
        }
        assertLimited(Messages.send(ada, general, "@here one more", null), limit);
        Messages.send(ada, general, "a message for nobody in particular", null).assertNoErrors();
        assertEquals(limit.limit() + 1, history(ada, general).size());
    }

    @Test
    void reactingBeyondTheLimitIsRefusedAndAddsNothing() throws Exception {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String id = Messages.post(ada, general, "react");
        String react = "mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { id } }";
        ParleyConfig.RateLimit.Limit limit = config.rateLimit().addReaction();
        // Every attempt counts, also one that changes nothing.
        inParallel(limit.limit(), i -> ada.client().execute(react, Map.of("id", id, "e", ":tada:")).assertNoErrors());
        assertLimited(ada.client().execute(react, Map.of("id", id, "e", ":eyes:")), limit);
        assertEquals(List.of(":tada:"), ada.client().execute("query($id: ID!) { message(id: $id) { reactions { emoji } } }", Map.of("id", id))
                .json().getList("data.message.reactions.emoji"));
    }

    @Test
    void creatingChannelsBeyondTheLimitIsRefused() throws Exception {
        Accounts.Account ada = Accounts.register();
        ParleyConfig.RateLimit.Limit limit = config.rateLimit().createChannel();
        inParallel(limit.limit(), i -> Teams.channel(ada, ada.workspaceId(), Teams.channelName("c" + i), false));
        String late = Teams.channelName("late");
        GraphQLClient.Result refused = ada.client().execute("mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }",
                Map.of("i", Map.of("workspaceId", ada.workspaceId(), "name", late)));
        assertLimited(refused, limit);
        assertFalse(dynamo.get(Table.UNIQUE_KEYS, Items.key("uniqueKey", "channel-name#" + ada.workspaceId() + "#" + late)).isPresent(),
                "the name was not claimed: no channel was created");
    }

    @Test
    void startingDirectMessagesBeyondTheLimitIsRefusedButReopeningOneIsNot() {
        ParleyConfig.RateLimit.Limit limit = config.rateLimit().openDirectMessage();
        Teams.Team team = Teams.withMembers(limit.limit() + 1);
        Accounts.Account ada = team.owner();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < limit.limit(); i++) {
            opened.add(WorkspaceOps.openDirectMessage(ada, team.workspaceId(), team.member(i)));
        }
        Accounts.Account last = team.member(limit.limit());
        GraphQLClient.Result refused = ada.client().execute("mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id } }",
                Map.of("w", team.workspaceId(), "u", List.of(last.userId())));
        assertLimited(refused, limit);
        assertEquals(opened.get(0), WorkspaceOps.openDirectMessage(ada, team.workspaceId(), team.member(0)), "an existing one still opens");
        String conversation = dev.parley.channel.ConversationStore.conversationId(team.workspaceId(),
                java.util.stream.Stream.of(ada.userId(), last.userId()).sorted().toList());
        assertFalse(dynamo.get(Table.CONVERSATIONS, Items.key("conversationId", conversation)).isPresent(), "the refused one was not created");
    }

    @Test
    void creatingWorkspacesAndInvitesBeyondTheLimitIsRefused() {
        Accounts.Account ada = Accounts.register();
        ParleyConfig.RateLimit.Limit workspaces = config.rateLimit().createWorkspace();
        for (int i = 0; i < workspaces.limit(); i++) {
            WorkspaceOps.createWorkspace(ada, "Workspace " + i);
        }
        assertLimited(ada.client().execute("mutation { createWorkspace(input: {name: \"One more\"}) { id } }"), workspaces);
        assertEquals(1 + workspaces.limit(), ada.client().execute("{ workspaces { id } }").json().getList("data.workspaces").size());

        ParleyConfig.RateLimit.Limit invites = config.rateLimit().createInvite();
        for (int i = 0; i < invites.limit(); i++) {
            WorkspaceOps.createInvite(ada, ada.workspaceId(), null).assertNoErrors();
        }
        assertLimited(WorkspaceOps.createInvite(ada, ada.workspaceId(), null), invites);
    }

    private static void assertLimited(GraphQLClient.Result result, ParleyConfig.RateLimit.Limit limit) {
        assertEquals("RATE_LIMITED", result.errorCode(), result.json().prettify());
        long retryAfter = ((Number) result.errorExtension("retryAfterSeconds")).longValue();
        assertTrue(retryAfter >= 1 && retryAfter <= limit.window().toSeconds(), "retryAfterSeconds " + retryAfter);
        assertNull(result.json().get("data"));
    }

    /** The whole history, page by page. */
    private static List<Object> history(Accounts.Account who, String channelId) {
        List<Object> all = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>(Map.of("c", channelId));
            if (after != null) {
                variables.put("after", after);
            }
            var page = who.client().execute(HISTORY, variables).json();
            all.addAll(page.getList("data.messages.nodes"));
            after = page.getBoolean("data.messages.pageInfo.hasNextPage") ? page.getString("data.messages.pageInfo.endCursor") : null;
        } while (after != null);
        return all;
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static void inParallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> steps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                steps.add(() -> {
                    step.run(n);
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(steps)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
