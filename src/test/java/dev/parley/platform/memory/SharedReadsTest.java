package dev.parley.platform.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SharedReadsTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "reads taking up to {0} us")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 2000})
    void everyAnswerComesFromAReadThatStartedAfterItsAsk(int readMicros) throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        SharedReads<String, Long> shared = new SharedReads<>(key -> {
            long startedAt = clock.incrementAndGet();
            reads.incrementAndGet();
            if (readMicros > 0) {
                sleepMicros(ThreadLocalRandom.current().nextInt(readMicros / 10, readMicros));
            }
            return startedAt;
        });
        ExecutorService askers = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> done = new ArrayList<>();
            int asks = 32 * 500;
            for (int i = 0; i < asks; i++) {
                String key = "k" + (i % 3);
                done.add(askers.submit(() -> {
                    long askedAt = clock.incrementAndGet();
                    long answer = shared.get(key);
                    assertTrue(answer > askedAt, "an answer read before its ask: asked at " + askedAt + ", read at " + answer);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            if (readMicros > 0) {
                assertTrue(reads.get() < asks / 4, reads.get() + " reads for " + asks + " concurrent asks");
            }
            assertEquals(0, shared.keys(), "keys left behind");
        } finally {
            askers.shutdownNow();
        }
    }

    @Test
    void asksDuringARunningReadShareTheOneAfterIt() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1), releaseFirst = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        SharedReads<String, Integer> shared = new SharedReads<>(key -> {
            int read = reads.incrementAndGet();
            if (read == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            return read;
        });
        ExecutorService askers = Executors.newFixedThreadPool(11);
        try {
            Future<Integer> first = askers.submit(() -> shared.get("channel"));
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<Integer>> later = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                later.add(askers.submit(() -> shared.get("channel")));
            }
            Thread.sleep(200); // the ten are waiting (nothing they could receive yet but the second read)
            releaseFirst.countDown();
            assertEquals(1, first.get(10, TimeUnit.SECONDS));
            for (Future<Integer> ask : later) {
                assertEquals(2, ask.get(10, TimeUnit.SECONDS), "asked while the first read ran: served by the second");
            }
            assertEquals(2, reads.get());
        } finally {
            askers.shutdownNow();
        }
    }

    @Test
    void aFailedReadFailsItsAsksAndTheNextAskReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        SharedReads<String, String> shared = new SharedReads<>(key -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("storage unavailable");
            }
            return "value";
        });
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> shared.get("key"));
        assertEquals("storage unavailable", failure.getMessage());
        assertEquals("value", shared.get("key"));
        assertEquals(0, shared.keys());
    }

    private static void sleepMicros(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
