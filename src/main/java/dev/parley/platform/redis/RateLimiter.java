package dev.parley.platform.redis;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.graphql.ParleyException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed-window counters in Redis, shared by every pod: {@code hit} counts one attempt against a
 * bucket and answers RATE_LIMITED, with the seconds until the window ends, once the limit is passed.
 */
@ApplicationScoped
public class RateLimiter {

    // INCR and EXPIRE in one step, so a crash between them cannot leave a counter that never expires.
    private static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('TTL', KEYS[1])}
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

    private Response count(String bucket, Duration window) {
        return redis.execute("EVAL", HIT, "1", "ratelimit:" + bucket, Long.toString(Math.max(1, window.getSeconds())));
    }

}
