package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEventLog;
import dev.parley.message.MessageStore;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.redis.LiveBus;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.LoggedMessages;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** An event whose Redis notice never reaches this pod is delivered by the periodic head check, within seconds. */
@QuarkusTest
class LostNoticeTest {

    @Inject
    Dynamo dynamo;

    @Inject
    MessageStore messages;

    @Inject
    ParleyConfig config;

    @Test
    void anEventWithoutANoticeArrivesWithinTheHeadCheckInterval() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        // A pod whose notices are lost on the way: it writes the log but nothing reaches Redis.
        ChannelEventLog silentPod = new ChannelEventLog(dynamo, new LiveBus(null) {
            @Override
            public void publish(String topic, String payload) {
            }
        }, config);
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");

            String unannounced = LoggedMessages.write(silentPod, messages, general, ann.userId(), "no notice for this one");
            // Nothing else happens in the channel: only the head check can find it. The test profile checks every second.
            JsonPath event = nextEventWithin(socket, Duration.ofSeconds(4));
            assertEquals("MESSAGE_CREATED", event.getString("payload.data.events.type"));
            assertEquals(unannounced, event.getString("payload.data.events.message.id"));
            assertEquals("no notice for this one", event.getString("payload.data.events.message.text"));
        }
    }

    private static JsonPath nextEventWithin(SocketClient socket, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (;;) {
            JsonPath message = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!"ping".equals(message.getString("type"))) {
                return message;
            }
        }
    }
}
