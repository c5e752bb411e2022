package dev.parley.event;

import static dev.parley.event.EventType.MEMBER_LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.redis.LiveBus;
import dev.parley.testing.Accounts;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

/** Two pods on one channel's head: the one that keeps losing gets a turn ({@link HeadTurns}). */
@QuarkusTest
class HeadTurnTest {

    @Inject
    ChannelEventLog log;

    @Inject
    Dynamo dynamo;

    @Inject
    LiveBus bus;

    @Inject
    ParleyConfig config;

    @Test
    void aChangeFromOnePodCommitsSoonWhileAnotherPodCommitsBackToBack() throws Exception {
        ChannelEventLog otherPod = new ChannelEventLog(dynamo, bus, config);
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("turns"), false);
        Commit oneEvent = new Commit(List.of(), List.of(PendingEvent.ofMember(MEMBER_LEFT, channel, ada.userId(), "someone")), HeadChange.NONE);
        long startSeq = log.heads(List.of(channel)).get(channel).seq();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger busyCommits = new AtomicInteger();
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                assertEquals(Optional.empty(), log.append(channel, head -> oneEvent));
                busyCommits.incrementAndGet();
            }
        });
        try {
            while (busyCommits.get() < 3) {
                Thread.sleep(5);
            }
            int before = busyCommits.get();
            long started = System.nanoTime();
            assertEquals(Optional.empty(), otherPod.append(channel, head -> oneEvent), "committed, not CONFLICT");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            int meanwhile = busyCommits.get() - before;
            // Without turns it lost every try until its 8 s deadline (CONFLICT). With them: its losses before
            // it claims the turn, and what the busy pod fits into the pauses between its tries.
            assertTrue(tookMillis < 2_000, "the other pod's one change took " + tookMillis + " ms");
            assertTrue(meanwhile <= 4 * HeadTurns.CLAIM_AFTER,
                    "the busy pod committed " + meanwhile + " times while the other pod's one change waited");
        } finally {
            stop.set(true);
            busy.get(30, TimeUnit.SECONDS);
        }
        assertEquals(startSeq + busyCommits.get() + 1, log.heads(List.of(channel)).get(channel).seq(), "one sequence, no gap");
    }

    @Test
    void aTurnClaimedByAPodThatDiedHoldsTheHeadAtMostItsLength() {
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("turns"), false);
        Commit oneEvent = new Commit(List.of(), List.of(PendingEvent.ofMember(MEMBER_LEFT, channel, ada.userId(), "someone")), HeadChange.NONE);
        assertTrue(new HeadTurns(dynamo, Clock.systemUTC()).claim(channel).isPresent(), "a pod claims the turn, then dies");

        long started = System.nanoTime();
        assertEquals(Optional.empty(), log.append(channel, head -> oneEvent));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(waited.compareTo(HeadTurns.LENGTH.minusMillis(100)) >= 0, "waited out the turn: " + waited);
        assertTrue(waited.compareTo(HeadTurns.LENGTH.plusSeconds(2)) < 0, "then committed: " + waited);
        assertFalse(dynamo.get(Table.CHANNEL_EVENTS, EventItems.headKey(channel)).orElseThrow().containsKey(HeadTurns.TURN),
                "the commit ended the turn");
    }
}
