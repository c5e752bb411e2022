package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import dev.parley.testing.JsonPath;

/** Two service instances on one Redis: a message sent through one reaches a subscriber on the other. */
@QuarkusIntegrationTest
class CrossPodIT {

    @Test
    void aMessageSentThroughInstanceAReachesASubscriberOnInstanceB() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SecondInstance b = SecondInstance.start();
                SocketClient onB = SocketClient.connect(b.port(), "graphql-transport-ws").signIn(bob.accessToken());
                SocketClient onA = SocketClient.connect().signIn(bob.accessToken())) {
            onB.subscribe("e", SubscriptionTest.EVENTS);
            onA.subscribe("e", SubscriptionTest.EVENTS);
            onB.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
            String sync = Messages.post(ann, general, "in sync"); // both skip the probes up to this one
            onA.skipTo(SocketClient.nextWith("e", "events.message.id", sync));
            onB.skipTo(SocketClient.nextWith("e", "events.message.id", sync));

            String sent = Messages.post(ann, general, "across pods"); // through instance A
            JsonPath received = onB.nextOf("next");
            assertEquals(sent, received.getString("payload.data.events.message.id"));
            assertEquals("across pods", received.getString("payload.data.events.message.text"));
            assertEquals(sent, onA.nextOf("next").getString("payload.data.events.message.id"));
            String sentinel = Messages.post(ann, general, "sentinel");
            onB.assertNextIs("the next message, no second copy", SocketClient.nextWith("e", "events.message.id", sentinel));
        }
    }
}
