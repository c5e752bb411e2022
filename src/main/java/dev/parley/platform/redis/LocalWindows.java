package dev.parley.platform.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RateLimiter}'s fixed windows counted in this pod's memory, for while Redis does not answer. */
final class LocalWindows {

    private record Window(long endsAtMillis, long attempts) {
        RateLimiter.Count count(long now) {
            return new RateLimiter.Count(attempts, Math.max(1, (endsAtMillis - now + 999) / 1000));
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter.Count add(String bucket, Duration length) {
        long now = System.currentTimeMillis();
        return windows.compute(bucket, (same, window) -> window == null || window.endsAtMillis() <= now
                ? new Window(now + Math.max(1000, length.toMillis()), 1)
                : new Window(window.endsAtMillis(), window.attempts() + 1)).count(now);
    }

    /** Like {@code RateLimiter.spend}: 1 and the amount added while within the budget, else 0 and nothing added. */
    RateLimiter.Count spend(String bucket, long amount, long budget, Duration length) {
        long now = System.currentTimeMillis();
        boolean[] taken = { false };
        Window after = windows.compute(bucket, (same, window) -> {
            Window current = window == null || window.endsAtMillis() <= now ? new Window(now + Math.max(1000, length.toMillis()), 0) : window;
            if (current.attempts() + amount > budget) {
                return current;
            }
            taken[0] = true;
            return new Window(current.endsAtMillis(), current.attempts() + amount);
        });
        return new RateLimiter.Count(taken[0] ? 1 : 0, after.count(now).secondsLeft());
    }

    RateLimiter.Count peek(String bucket) {
        long now = System.currentTimeMillis();
        Window window = windows.get(bucket);
        return window == null || window.endsAtMillis() <= now ? new RateLimiter.Count(0, 0) : window.count(now);
    }

    void clear(String bucket) {
        windows.remove(bucket);
    }

    void forgetEnded() {
        long now = System.currentTimeMillis();
        windows.values().removeIf(window -> window.endsAtMillis() <= now);
    }
}
