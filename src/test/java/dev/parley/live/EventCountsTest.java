package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** An event carries the message after its own change, so the last one a client gets for a message is right. */
@QuarkusTest
class EventCountsTest {

    private static final String EVENTS = "subscription { events { type message { id replyCount reactions { emoji count } } "
            + "reaction { emoji count } } }";
    private static final int PEOPLE = 5;
    private static final int REPLIES_EACH = 2;

    @Test
    void concurrentReactionsAndRepliesEndWithEventsCarryingTheFinalCounts() throws Exception {
        Teams.Team team = Teams.withMembers(PEOPLE - 1);
        List<Account> people = new ArrayList<>(List.of(team.owner()));
        people.addAll(team.members());
        Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String root = Messages.post(ada, general, "react and reply, all at once");
        try (SocketClient socket = SocketClient.connect().signIn(people.get(1).accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.awaitLive(() -> Messages.post(ada, general, "probe"), "e");

            CyclicBarrier start = new CyclicBarrier((1 + REPLIES_EACH) * PEOPLE);
            ExecutorService threads = Executors.newFixedThreadPool((1 + REPLIES_EACH) * PEOPLE);
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Account who : people) {
                all.add(CompletableFuture.runAsync(() -> {
                    await(start);
                    who.client().execute("mutation($id: ID!) { addReaction(messageId: $id, emoji: \":tada:\") { id } }", Map.of("id", root))
                            .assertNoErrors();
                }, threads));
                for (int i = 0; i < REPLIES_EACH; i++) {
                    all.add(CompletableFuture.runAsync(() -> {
                        await(start);
                        Messages.send(who, general, "me too", root).assertNoErrors();
                    }, threads));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            threads.shutdown();

            List<JsonPath> aboutRoot = new ArrayList<>();
            int reactions = 0, threadEvents = 0;
            while (reactions < PEOPLE || threadEvents < PEOPLE * REPLIES_EACH) {
                JsonPath event = socket.nextOf("next");
                if (!root.equals(event.getString("payload.data.events.message.id"))) {
                    continue;
                }
                aboutRoot.add(event);
                String type = event.getString("payload.data.events.type");
                if (type.equals("REACTION_ADDED")) {
                    reactions++;
                    int count = event.getInt("payload.data.events.reaction.count");
                    assertTrue(count >= reactions, "the " + reactions + "th reaction event says " + count + ": not after its own change");
                } else if (type.equals("THREAD_UPDATED")) {
                    threadEvents++;
                    int replies = event.getInt("payload.data.events.message.replyCount");
                    assertTrue(replies >= threadEvents, "the " + threadEvents + "th thread event says " + replies + " replies");
                }
            }
            JsonPath last = aboutRoot.get(aboutRoot.size() - 1);
            assertEquals(PEOPLE * REPLIES_EACH, last.getInt("payload.data.events.message.replyCount"), last.prettify());
            assertEquals(List.of(Map.of("emoji", ":tada:", "count", PEOPLE)), last.getList("payload.data.events.message.reactions"));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
