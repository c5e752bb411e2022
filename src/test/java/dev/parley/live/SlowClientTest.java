package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Back-pressure: a client that stops reading is cut off at its buffer; the others keep receiving. */
@QuarkusTest
class SlowClientTest {

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersGetEverything() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String big = "x".repeat(30_000);
        try (SocketClient stalled = SocketClient.connect().signIn(bob.accessToken());
                SocketClient reader = SocketClient.connect().signIn(bob.accessToken())) {
            // Many subscriptions on the stalled socket make each message weigh a lot there (4 MB buffer).
            for (int i = 0; i < 40; i++) {
                stalled.subscribe("e" + i, "subscription { events { message { text } } }");
            }
            reader.subscribe("e", SubscriptionTest.EVENTS);
            stalled.awaitLive(() -> Messages.post(ann, general, "probe"),
                    java.util.stream.IntStream.range(0, 40).mapToObj(i -> "e" + i).toArray(String[]::new));
            reader.drain(java.time.Duration.ofMillis(500));
            stalled.pause();

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add(Messages.post(ann, general, big));
            }
            List<String> received = SubscriptionTest.nextEvents(reader, sent.size()).stream()
                    .map(e -> e.getString("payload.data.events.message.id")).toList();
            assertEquals(sent, received, "the reading client is unaffected");

            stalled.resume();
            SocketClient.Closed closed = stalled.awaitClose(java.time.Duration.ofSeconds(30));
            assertEquals(1013, closed.code(), "cut off, told to reconnect and resume");
        }
    }
}
