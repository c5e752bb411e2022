package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.LogPosition;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.live.feed.ChannelFeeds;
import dev.parley.live.protocol.LiveSockets;
import dev.parley.live.subscription.EventCursors;
import dev.parley.live.subscription.LiveEvents;
import dev.parley.live.subscription.LiveSubscription;
import dev.parley.platform.json.Json;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.redis.RedisTopics;
import dev.parley.platform.security.Caller;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import dev.parley.typing.TypingEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * What a socket or a stream holds is let go when it ends, however its end races its start: the
 * open-socket set, the running streams, the feeds' listeners (and with them their Redis topics).
 */
@QuarkusTest
class LeftBehindTest {

    private static final Duration LET_GO = Duration.ofSeconds(10);

    @Inject
    LiveSockets sockets;

    @Inject
    LiveEvents live;

    @Inject
    ChannelFeeds feeds;

    @Inject
    EventCursors cursors;

    @Inject
    RedisTopics topics;

    @Inject
    ChannelEventLog log;

    @Inject
    GraphQLOperations operations;

    @Test
    void aSubscriptionStartedForASocketLeavesNothingOfItsExecutionOnItsThread() {
        Account owner = Teams.withMembers(0).owner();
        Caller caller = new Caller(owner.userId(), "session", "token", Instant.now().plus(Duration.ofMinutes(5)));
        CompletableFuture<ExecutionResponse> answered = new CompletableFuture<>();
        operations.execute(Json.createObjectBuilder().add("query", "subscription { events { type cursor } }").build(), caller, answered::complete);
        answered.join();
        // Each thread that ran one would keep its last execution (input, DataLoaders, result) for good.
        assertNull(SmallRyeContextManager.getCurrentSmallRyeContext(), "SmallRye's context of the execution is left on the thread");
    }

    @Test
    void aSocketWhoseInitArrivedInTimeIsAcknowledgedHoweverLongItsSignInTakes() {
        Teams.Team team = Teams.withMembers(0);
        sockets.delaySignIns(Duration.ofSeconds(4)); // past the 3 s init timeout
        try (SocketClient socket = SocketClient.connect()) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + team.owner().accessToken())));
            assertEquals("connection_ack", socket.nextOf("connection_ack").getString("type"), "acknowledged, not closed with 4408");
            assertFalse(socket.isClosed());
        } finally {
            sockets.delaySignIns(Duration.ZERO);
        }
    }

    @Test
    void aSocketClosedWhileItsSlowSignInRunsIsNotLeftInTheOpenSet() {
        Teams.Team team = Teams.withMembers(0);
        int before = sockets.openCount(), watchedBefore = sockets.watchedCount();
        sockets.delaySignIns(Duration.ofMillis(1500));
        try {
            for (int i = 0; i < 10; i++) {
                SocketClient socket = SocketClient.connect();
                socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + team.owner().accessToken())));
                socket.close(); // certainly gone before the server is done signing it in
            }
            sleep(2500); // every sign-in has finished and registered (or not) its socket
        } finally {
            sockets.delaySignIns(Duration.ZERO);
        }
        awaitAtMost(before, sockets::openCount, "signed-in sockets open");
        awaitAtMost(watchedBefore, sockets::watchedCount, "sockets the sweep visits");
        try (SocketClient sentinel = SocketClient.connect().signIn(team.owner().accessToken())) {
            awaitAtLeast(before + 1, sockets::openCount, "a socket that stays is counted");
        }
    }

    @Test
    void aFollowOrListenAfterTheStreamStoppedLeavesNoListenerAndNoTopic() {
        Teams.Team team = Teams.withMembers(0);
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        String topic = LiveBus.userTopic(team.owner().userId());
        LogPosition head = log.heads(List.of(general)).get(general); // nothing to hand on: the streams have no emitter
        LiveSubscription stopped = stream(team.owner().userId());
        stopped.stop();
        stopped.follow(general, head); // a start that ran late, after the cancel
        stopped.listen(topic, (t, payload) -> { });
        assertEquals(0, feeds.followers(general), "listeners in the channel's feed");
        assertEquals(0, topics.listeners(topic), "listeners of the person's topic");

        LiveSubscription running = stream(team.owner().userId()); // the sentinel: a live stream does follow
        running.follow(general, head);
        running.listen(topic, (t, payload) -> { });
        assertEquals(1, feeds.followers(general));
        assertEquals(1, topics.listeners(topic));
        running.stop();
        assertEquals(0, feeds.followers(general));
        assertEquals(0, topics.listeners(topic));
    }

    private LiveSubscription stream(String userId) {
        return new LiveSubscription(userId, LiveSubscription.Scope.EVERY_CHANNEL, null, null, live, cursors);
    }

    @Test
    void aSocketClosedWhileItsSignInRunsIsNotLeftInTheOpenSet() {
        Teams.Team team = Teams.withMembers(0);
        int before = sockets.openCount();
        for (int i = 0; i < 40; i++) {
            SocketClient socket = SocketClient.connect();
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + team.owner().accessToken())));
            socket.close(); // gone before the server is done signing it in
        }
        awaitAtMost(before, sockets::openCount, "signed-in sockets open");
    }

    @Test
    void subscribeCompleteSubscribeWithOneIdLeavesNoOrphanStream() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        int before = live.openStreams();
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            List<Map<String, Object>> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                burst.add(subscribe("x", SubscriptionTest.EVENTS));
                burst.add(Map.of("type", "complete", "id", "x"));
            }
            burst.add(subscribe("x", SubscriptionTest.EVENTS));
            socket.sendAll(burst);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "x");
            String sentinel = Messages.post(ann, general, "once");
            socket.assertNextIs("the message, once, on the last x", SocketClient.nextWith("x", "events.message.id", sentinel));
            String next = Messages.post(ann, general, "and the next");
            socket.assertNextIs("nothing from an orphan stream", SocketClient.nextWith("x", "events.message.id", next));
        }
        awaitAtMost(before, live::openStreams, "open streams");
        awaitAtMost(0, () -> feeds.followers(general), "listeners left in the channel's feed");
        awaitAtMost(0, () -> topics.listeners(LiveBus.userTopic(bob.userId())), "listeners of bob's topic");
    }

    @Test
    void aStreamCancelledWhileItIsSetUpFollowsNothing() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        int before = live.openStreams();
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            List<Map<String, Object>> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(subscribe("s" + i, SubscriptionTest.EVENTS));
                burst.add(Map.of("type", "complete", "id", "s" + i));
            }
            socket.sendAll(burst);
            socket.subscribe("live", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "live");
            assertEquals(1, feeds.followers(general), "only the live stream follows the channel");
            assertEquals(1, topics.listeners(LiveBus.userTopic(bob.userId())), "only the live stream hears bob's topic");
        }
        awaitAtMost(before, live::openStreams, "open streams");
        awaitAtMost(0, () -> feeds.followers(general), "listeners left in the channel's feed");
        awaitAtMost(0, () -> topics.listeners(LiveBus.userTopic(bob.userId())), "listeners of bob's topic");
    }

    @Test
    void followAndUnfollowRacingNeverOrphanAFeed() throws Exception {
        Teams.Team team = Teams.withMembers(0);
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        Idle leaving = new Idle(), coming = new Idle();
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 300; round++) {
            feeds.follow(general, leaving);
            CompletableFuture<Void> unfollow = CompletableFuture.runAsync(() -> {
                await(together);
                feeds.unfollow(general, leaving);
            });
            await(together);
            feeds.follow(general, coming);
            unfollow.join();
            assertEquals(1, feeds.followers(general), "round " + round + ": the follower is in the channel's feed");
            feeds.unfollow(general, coming);
            assertEquals(0, feeds.followers(general));
        }
    }

    private static Map<String, Object> subscribe(String id, String query) {
        return Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query));
    }

    private static void awaitAtMost(int expected, IntSupplier count, String what) {
        long deadline = System.nanoTime() + LET_GO.toNanos();
        while (count.getAsInt() > expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertTrue(count.getAsInt() <= expected, what + ": " + count.getAsInt() + ", before: " + expected);
    }

    private static void awaitAtLeast(int expected, IntSupplier count, String what) {
        long deadline = System.nanoTime() + LET_GO.toNanos();
        while (count.getAsInt() < expected && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertTrue(count.getAsInt() >= expected, what + ": " + count.getAsInt() + ", expected at least " + expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A listener beyond any event: the feed reads nothing for it. */
    private static final class Idle implements ChannelFeeds.Listener {
        @Override
        public long position(String channelId) {
            return Long.MAX_VALUE;
        }

        @Override
        public void deliver(ChannelEvent event) {
        }

        @Override
        public void typing(TypingEvent typing) {
        }
    }
}
