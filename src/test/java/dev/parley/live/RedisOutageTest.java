package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.RedisOutage;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Redis down: sending still works and is durable; live delivery resumes with the gap covered. */
@QuarkusTest
class RedisOutageTest {

    @Test
    void messagesSentWhileRedisIsDownArriveOnceWhenItReturns() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "before"), "e");

            List<String> sent = new ArrayList<>();
            try (RedisOutage outage = RedisOutage.begin()) {
                for (int i = 0; i < 3; i++) {
                    sent.add(Messages.post(ann, general, "while Redis is down " + i));
                }
            }
            List<String> received = SubscriptionTest.nextEvents(socket, 3).stream()
                    .map(e -> e.getString("payload.data.events.message.id")).toList();
            assertEquals(sent, received);

            String live = Messages.post(ann, general, "Redis is back");
            socket.assertNextIs("the live message, nothing twice before it", SocketClient.nextWith("e", "events.message.id", live));
        }
    }
}
