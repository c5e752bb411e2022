package dev.parley.platform.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.health.Degradations;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters in Redis, shared by every pod: {@code hit} counts one attempt against a
 * bucket and answers RATE_LIMITED, with the seconds until the window ends, once the limit is passed;
 * {@code spend} takes an amount (bytes) from a budget per window.
 *
 * <p>When Redis does not answer (down, or not within {@link #REDIS_DEADLINE}), the same windows are
 * counted on this pod instead ({@link LocalWindows}), so limits still hold, per pod rather than per
 * deployment, and sign-in keeps working; each such answer counts in
 * {@code parley_failed_open_total{check="rate-limit"}}.
 */
@ApplicationScoped
public class RateLimiter {

    /** A rate limit is not worth holding a request for: past this, the pod counts alone. */
    static final Duration REDIS_DEADLINE = Duration.ofSeconds(1);

    // INCR and EXPIRE in one step, so a crash between them cannot leave a counter that never expires.
    private static final RedisScript HIT = new RedisScript("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('TTL', KEYS[1])}
            """);
    // Adds the amount only while the total stays within the budget, so a refused amount costs nothing.
    private static final RedisScript SPEND = new RedisScript("""
            local amount = tonumber(ARGV[1])
            local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
            if spent + amount > tonumber(ARGV[2]) then return {0, redis.call('TTL', KEYS[1])} end
            if redis.call('INCRBY', KEYS[1], amount) == amount then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
            return {1, redis.call('TTL', KEYS[1])}
            """);
    private static final RedisScript PEEK = new RedisScript("""
            return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('TTL', KEYS[1])}
            """);

    /** Attempts counted in a bucket's current window, and the seconds until it ends. */
    public record Count(long attempts, long secondsLeft) {
    }

    private final ReactiveRedisDataSource redis;
    private final Degradations degradations;
    private final LocalWindows local = new LocalWindows();

    public RateLimiter(ReactiveRedisDataSource redis, Degradations degradations) {
        this.redis = redis;
        this.degradations = degradations;
    }

    public void hit(String bucket, int limit, Duration window) {
        Count count = count(bucket, window);
        if (count.attempts() > limit) {
            throw ParleyException.rateLimited(Math.max(1, count.secondsLeft()));
        }
    }

    /** Counts one attempt like {@link #hit}, answering false instead of RATE_LIMITED once the limit is passed. */
    public boolean allows(String bucket, int limit, Duration window) {
        return count(bucket, window).attempts() <= limit;
    }

    /** Counts one attempt, with no limit of its own (what {@link #counted} reads). */
    public Count count(String bucket, Duration window) {
        return orOnThisPod(HIT.run(redis, List.of(key(bucket)), seconds(window)).map(RateLimiter::count), () -> local.add(bucket, window));
    }

    /** Takes {@code amount} from the bucket's budget for the window, or RATE_LIMITED (nothing taken) when it would go over. */
    public void spend(String bucket, long amount, long budget, Duration window) {
        Count answer = orOnThisPod(SPEND.run(redis, List.of(key(bucket)), Long.toString(amount), Long.toString(budget), seconds(window))
                .map(RateLimiter::count), () -> local.spend(bucket, amount, budget, window));
        if (answer.attempts() == 0) {
            throw ParleyException.rateLimited(Math.max(1, answer.secondsLeft()));
        }
    }

    /** What the bucket's window has counted so far, without counting anything. */
    public Count counted(String bucket) {
        return orOnThisPod(PEEK.run(redis, List.of(key(bucket))).map(RateLimiter::count), () -> local.peek(bucket));
    }

    /** Starts the bucket afresh (its window ends, its count is 0). */
    public void clear(String bucket) {
        local.clear(bucket);
        orOnThisPod(redis.execute("DEL", key(bucket)).replaceWith(true), () -> true);
    }

    private <T> T orOnThisPod(Uni<T> fromRedis, Supplier<T> onThisPod) {
        try {
            return fromRedis.await().atMost(REDIS_DEADLINE);
        } catch (RuntimeException unavailable) {
            degradations.failedOpen(Degradations.Check.RATE_LIMIT, "counting on this pod only: " + unavailable.getMessage());
            return onThisPod.get();
        }
    }

    private static Count count(Response reply) {
        return new Count(reply.get(0).toLong(), reply.get(1).toLong());
    }

    private static String seconds(Duration window) {
        return Long.toString(Math.max(1, window.getSeconds()));
    }

    private static String key(String bucket) {
        return "ratelimit:" + bucket;
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetEndedWindows() {
        local.forgetEnded();
    }
}
