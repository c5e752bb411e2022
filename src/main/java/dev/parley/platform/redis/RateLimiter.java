package dev.parley.platform.redis;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.graphql.ParleyException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters in Redis, shared by every pod: {@code hit} counts one attempt against a
 * bucket and answers RATE_LIMITED, with the seconds until the window ends, once the limit is passed;
 * {@code spend} takes an amount (bytes) from a budget per window.
 */
@ApplicationScoped
public class RateLimiter {

    // INCR and EXPIRE in one step, so a crash between them cannot leave a counter that never expires.
    private static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('TTL', KEYS[1])}
            """;

    // Adds the amount only while the total stays within the budget, so a refused amount costs nothing.
    private static final String SPEND = """
            local amount = tonumber(ARGV[1])
            local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
            if spent + amount > tonumber(ARGV[2]) then return {0, redis.call('TTL', KEYS[1])} end
            if redis.call('INCRBY', KEYS[1], amount) == amount then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
            return {1, redis.call('TTL', KEYS[1])}
            """;

    private final RedisDataSource redis;

    public RateLimiter(RedisDataSource redis) {
        this.redis = redis;
    }

    public void hit(String bucket, int limit, Duration window) {
        Response reply = count(bucket, window);
        if (reply.get(0).toLong() > limit) {
            throw ParleyException.rateLimited(Math.max(1, reply.get(1).toLong()));
        }
    }

    /** Counts one attempt like {@link #hit}, answering false instead of RATE_LIMITED once the limit is passed. */
    public boolean allows(String bucket, int limit, Duration window) {
        return count(bucket, window).get(0).toLong() <= limit;
    }

    /** Takes {@code amount} from the bucket's budget for the window, or RATE_LIMITED (nothing taken) when it would go over. */
    public void spend(String bucket, long amount, long budget, Duration window) {
        Response reply = redis.execute("EVAL", SPEND, "1", "ratelimit:" + bucket, Long.toString(amount), Long.toString(budget),
                seconds(window));
        if (reply.get(0).toLong() == 0) {
            throw ParleyException.rateLimited(Math.max(1, reply.get(1).toLong()));
        }
    }

    private Response count(String bucket, Duration window) {
        return redis.execute("EVAL", HIT, "1", "ratelimit:" + bucket, seconds(window));
    }

    private static String seconds(Duration window) {
        return Long.toString(Math.max(1, window.getSeconds()));
    }

}
