package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.live.feed.ChannelFeeds;
import dev.parley.platform.dynamodb.DynamoCallCounter;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Committed events travel in their Redis notice: delivering them reads nothing, and a lost notice is made up from the log. */
@QuarkusTest
class InlineNoticeTest {

    /** No field that needs a read (no author): what is left is what delivery itself reads. */
    static final String EVENTS = "subscription { events { cursor type channelId message { id text } } }";

    @Inject
    ChannelFeeds feeds;

    @Test
    void deliveringMessagesToSeveralSocketsReadsNothing() {
        Teams.Team team = Teams.withMembers(2);
        Account ann = team.owner();
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        List<SocketClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SocketClient socket = SocketClient.connect().signIn(team.member(i % 2).accessToken());
                socket.subscribe("e", EVENTS);
                sockets.add(socket);
            }
            for (SocketClient socket : sockets) {
                socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
            }
            sockets.forEach(socket -> socket.drain(Duration.ofMillis(500)));
            long before = deliveryCalls();
            long readsBefore = feeds.logReads();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(Messages.post(ann, general, "hello " + i));
            }
            for (SocketClient socket : sockets) {
                for (String id : sent) {
                    assertEquals(id, socket.nextOf("next").getString("payload.data.events.message.id"));
                }
            }
            assertEquals(0, deliveryCalls() - before, "DynamoDB calls made to deliver 5 messages to 4 sockets");
            assertEquals(0, feeds.logReads() - readsBefore, "reads of the event log");
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }

    @Test
    void aLostNoticeFollowedBySilenceArrivesWithinTheHeadCheckInterval() {
        try (Listening bob = bobListening()) {
            feeds.dropNextNotices(1);
            String lost = Messages.post(bob.ann(), bob.general(), "its notice is lost");
            // Nothing else happens in the channel: the head check (every second in tests) finds it.
            JsonPath event = bob.socket().next(Duration.ofSeconds(3));
            assertEquals(lost, event.getString("payload.data.events.message.id"));
            assertEquals("its notice is lost", event.getString("payload.data.events.message.text"));
        }
    }

    @Test
    void aLostNoticeIsMadeUpFromTheLogWhenTheNextOneShowsTheGap() {
        try (Listening bob = bobListening()) {
            feeds.dropNextNotices(1);
            String lost = Messages.post(bob.ann(), bob.general(), "lost");
            String next = Messages.post(bob.ann(), bob.general(), "next");
            assertEquals(lost, bob.socket().next(Duration.ofSeconds(3)).getString("payload.data.events.message.id"));
            assertEquals(next, bob.socket().next(Duration.ofSeconds(3)).getString("payload.data.events.message.id"));
            Messages.post(bob.ann(), bob.general(), "sentinel");
            bob.socket().assertNextIs("no second copy", SocketClient.nextWith("e", "events.message.text", "sentinel"));
        }
    }

    /** Bob's socket, live in #general, where ann posts. */
    private record Listening(SocketClient socket, Account ann, String general) implements AutoCloseable {
        @Override
        public void close() {
            socket.close();
        }
    }

    private static Listening bobListening() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner();
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        SocketClient socket = SocketClient.connect().signIn(team.member(0).accessToken());
        socket.subscribe("e", EVENTS);
        socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
        socket.drain(Duration.ofMillis(300));
        return new Listening(socket, ann, general);
    }

    private static long deliveryCalls() {
        return DynamoCallCounter.onThreads("parley-feed") + DynamoCallCounter.onThreads("parley-delivery");
    }
}
