package dev.parley.platform.dynamodb;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Pauses between tries of a write that lost a race or was throttled: growing, with jitter. */
public final class Backoff {

    private Backoff() {
    }

    /** Sleeps before attempt {@code attempt + 1} (when {@code more}): growing, with jitter, at most a second. */
    public static void before(int attempt, boolean more) {
        if (!more) {
            return;
        }
        long base = Math.min(1000, 20L << Math.min(attempt, 6));
        sleep(TimeUnit.MILLISECONDS.toNanos(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
    }

    /** Sleeps {@code nanos}; an interrupt ends the try (the thread is being stopped). */
    public static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
