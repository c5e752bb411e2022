package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.StoredItems;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** A message carries at most parley.messages.max-distinct-reactions different emoji, and stays editable and deletable. */
@QuarkusTest
class ReactionCapTest {

    private static final String REACT = "mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { id } }";
    private static final String UNREACT = "mutation($id: ID!, $e: String!) { removeReaction(messageId: $id, emoji: $e) { id } }";
    private static final String REACTIONS = "query($id: ID!) { message(id: $id) { text deleted reactions { emoji count } } }";

    @Inject
    ParleyConfig config;

    @Inject
    StoredItems stored;

    @Test
    void newEmojiStopAtTheCapAndAFullMessageCanStillBeEditedAndDeleted() {
        int cap = config.messages().maxDistinctReactions();
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String id = Messages.post(ada, general, "react to me");
        for (int i = 0; i < cap; i++) {
            react(i % 2 == 0 ? ada : bob, id, ":e" + i + ":").assertNoErrors();
        }
        GraphQLClient.Result beyond = react(bob, id, ":one-too-many:");
        assertEquals("BAD_USER_INPUT", beyond.errorCode());
        assertEquals("emoji", beyond.errorExtension("field"));
        react(bob, id, ":e0:").assertNoErrors(); // an emoji it has already still works
        assertEquals(cap, reactions(ada, id).size());
        assertEquals(2, reactions(ada, id).stream().filter(r -> r.get("emoji").equals(":e0:")).findFirst().orElseThrow().get("count"));

        bob.client().execute(UNREACT, Map.of("id", id, "e", ":e1:")).assertNoErrors(); // its last one: the emoji goes
        react(bob, id, ":one-more:").assertNoErrors();
        assertEquals("BAD_USER_INPUT", react(ada, id, ":and-another:").errorCode());

        ada.client().execute("mutation($id: ID!) { editMessage(id: $id, text: \"edited\") { id } }", Map.of("id", id)).assertNoErrors();
        ada.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { id } }", Map.of("id", id)).assertNoErrors();
        Map<String, Object> tombstone = ada.client().execute(REACTIONS, Map.of("id", id)).json().getMap("data.message");
        assertEquals(true, tombstone.get("deleted"));
        assertEquals(List.of(), tombstone.get("reactions"));
        assertEquals(0, stored.count(Table.REACTIONS, id), "the Reactions items went with it");
    }

    @Test
    void concurrentNewEmojiCannotPassTheCap() throws Exception {
        int cap = config.messages().maxDistinctReactions();
        Teams.Team team = Teams.withMembers(3);
        List<Accounts.Account> people = new ArrayList<>(team.members());
        people.add(team.owner());
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        String id = Messages.post(team.owner(), general, "race for the last reactions");
        int free = 3;
        for (int i = 0; i < cap - free; i++) {
            react(people.get(i % people.size()), id, ":pre" + i + ":").assertNoErrors();
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<String> outcomes = new ArrayList<>();
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Accounts.Account who = people.get(i % people.size());
                String emoji = ":race" + i + ":";
                attempts.add(() -> {
                    GraphQLClient.Result result = react(who, id, emoji);
                    return result.hasErrors() ? result.errorCode() : "ADDED";
                });
            }
            for (Future<String> outcome : pool.invokeAll(attempts)) {
                outcomes.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(free, outcomes.stream().filter("ADDED"::equals).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.equals("ADDED") || o.equals("BAD_USER_INPUT")), outcomes.toString());
        assertEquals(cap, reactions(team.owner(), id).size());
    }

    private static GraphQLClient.Result react(Accounts.Account who, String messageId, String emoji) {
        return who.client().execute(REACT, Map.of("id", messageId, "e", emoji));
    }

    private static List<Map<String, Object>> reactions(Accounts.Account who, String messageId) {
        return who.client().execute(REACTIONS, Map.of("id", messageId)).json().getList("data.message.reactions");
    }
}
