package dev.parley.event.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.event.LogPartitions;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LogConsumerTest {

    private static final String EDIT = "mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }";

    @Inject
    LogConsumer consumer;

    /** Records what it is given: "type text" per event. */
    static class Recorder implements LogSubscriber {
        final String name;
        final List<String> seen = new CopyOnWriteArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void apply(String channelId, List<ChannelEvent> events) {
            events.stream().filter(e -> e.message() != null).forEach(e -> seen.add(e.type() + " " + e.message().text()));
        }
    }

    @Test
    void commitsArriveAtOnceWithTheCurrentTextAndNothingFromBeforeTheFirstRun() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("log"), false);
        Messages.post(ada, channel, "before the first run");
        Recorder recorder = new Recorder("test-" + UUID.randomUUID());
        LogConsumer.Following following = consumer.follow(recorder);
        try {
            following.catchUpNow();
            String id = Messages.post(ada, channel, "hello");
            ada.client().execute(EDIT, java.util.Map.of("id", id, "t", "hello again"));
            long start = System.nanoTime();
            awaitTrue(() -> recorder.seen.contains("MESSAGE_EDITED hello again"), Duration.ofSeconds(5));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500, "an edit reaches the consumer within a second or so");
            // Events carry the message as it is when read: the creation with either text. The first message never came.
            assertEquals(2, recorder.seen.size(), recorder.seen.toString());
            assertTrue(recorder.seen.get(0).startsWith("MESSAGE_CREATED hello"), recorder.seen.toString());
            assertEquals("MESSAGE_EDITED hello again", recorder.seen.get(1));
        } finally {
            following.stop();
        }
    }

    /** Counts its batches too: the flushes, one per batch handled. */
    static final class BatchCounter extends Recorder {
        final AtomicInteger flushes = new AtomicInteger();

        BatchCounter(String name) {
            super(name);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    }

    @Test
    void commitsHeardTogetherAreHandledAsOneBatchEachEventOnce() throws Exception {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("log"), false);
        BatchCounter counter = new BatchCounter("test-" + UUID.randomUUID());
        // A window longer than the burst takes, so the burst is heard within one.
        LogConsumer.Following following = consumer.follow(counter, "pod-" + UUID.randomUUID(), Duration.ofSeconds(3));
        try {
            following.catchUpNow();
            int before = counter.flushes.get();
            int sends = 12;
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> posted = new ArrayList<>();
                for (int i = 0; i < sends; i++) {
                    String text = "burst " + i;
                    posted.add(senders.submit(() -> Messages.post(ada, channel, text)));
                }
                for (var post : posted) {
                    post.get();
                }
            } finally {
                senders.shutdown();
            }
            Messages.post(ada, channel, "sentinel");
            awaitTrue(() -> counter.seen.contains("MESSAGE_CREATED sentinel"), Duration.ofSeconds(15));
            assertEquals(sends + 1, counter.seen.size(), "each event once: " + counter.seen);
            assertEquals(sends + 1, new HashSet<>(counter.seen).size(), counter.seen.toString());
            int batches = counter.flushes.get() - before;
            // One per commit would be 13: the window's batch, and at most a round's sweep (every 2 s in tests) before it.
            assertTrue(batches <= 3, batches + " batches for " + (sends + 1) + " commits");
        } finally {
            following.stop();
        }
    }

    @Test
    void aStoppedConsumerResumesFromItsCheckpointWithNothingLostOrRepeated() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("log"), false);
        String name = "test-" + UUID.randomUUID();
        Recorder first = new Recorder(name);
        LogConsumer.Following following = consumer.follow(first);
        following.catchUpNow();
        Messages.post(ada, channel, "one");
        awaitTrue(() -> first.seen.contains("MESSAGE_CREATED one"), Duration.ofSeconds(5));
        following.stop(); // as if the pod died after its checkpoint

        Messages.post(ada, channel, "two");
        Messages.post(ada, channel, "three");
        Recorder second = new Recorder(name);
        LogConsumer.Following again = consumer.follow(second);
        try {
            awaitTrue(() -> second.seen.contains("MESSAGE_CREATED three"), Duration.ofSeconds(10));
            assertEquals(List.of("MESSAGE_CREATED two", "MESSAGE_CREATED three"), second.seen);
            assertEquals(List.of("MESSAGE_CREATED one"), first.seen);
        } finally {
            again.stop();
        }
    }

    @Test
    void twoPodsShareThePartitionsAndEachEventIsHandledOnce() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String name = "test-" + UUID.randomUUID();
        Recorder onA = new Recorder(name);
        Recorder onB = new Recorder(name);
        LogConsumer.Following a = consumer.follow(onA, "pod-a-" + UUID.randomUUID());
        a.catchUpNow();
        LogConsumer.Following b = consumer.follow(onB, "pod-b-" + UUID.randomUUID());
        try {
            awaitTrue(() -> {
                Set<String> union = new HashSet<>(a.partitions());
                union.addAll(b.partitions());
                return a.partitions().size() == LogPartitions.COUNT / 2 && b.partitions().size() == LogPartitions.COUNT / 2
                        && union.size() == LogPartitions.COUNT;
            }, Duration.ofSeconds(30));
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 6; i++) { // channels fall into partitions of both pods
                String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("log"), false);
                Messages.post(ada, channel, "m" + i);
                sent.add("MESSAGE_CREATED m" + i);
            }
            awaitTrue(() -> onA.seen.size() + onB.seen.size() >= sent.size(), Duration.ofSeconds(10));
            List<String> all = new java.util.ArrayList<>(onA.seen);
            all.addAll(onB.seen);
            assertEquals(sent, new HashSet<>(all));
            assertEquals(sent.size(), all.size(), "no event handled twice: " + all);
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
