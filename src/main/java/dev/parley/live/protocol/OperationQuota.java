package dev.parley.live.protocol;

import java.util.concurrent.TimeUnit;

import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;

/**
 * What one socket may start: at most {@code maxOperations} running at once, and subscribes at
 * {@code perSecond} (a token bucket as deep as {@code maxOperations}, so a reconnect may open all its
 * operations at once; churning through them is what the rate bounds). Every subscribe is work on the
 * shared worker pool, so a socket cannot take more than its share. Used on the socket's event loop only.
 */
final class OperationQuota {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int maxOperations;
    private final int perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    OperationQuota(int maxOperations, int perSecond) {
        this.maxOperations = maxOperations;
        this.perSecond = perSecond;
        this.tokens = maxOperations;
    }

    /** Null when one more operation may start beside {@code running}; otherwise why not (RATE_LIMITED). */
    ParleyException admit(int running) {
        if (running >= maxOperations) {
            return refusal("TOO_MANY_OPERATIONS", "At most " + maxOperations + " operations at once on one socket: complete one first");
        }
        long now = System.nanoTime();
        tokens = Math.min(maxOperations, tokens + (now - refilledAt) * (double) perSecond / NANOS_PER_SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return refusal("TOO_MANY_SUBSCRIBES", "At most " + perSecond + " subscribes per second on one socket");
        }
        tokens--;
        return null;
    }

    private static ParleyException refusal(String subCode, String message) {
        return new ParleyException(ErrorCode.RATE_LIMITED, message).with("retryAfterSeconds", 1).with("subCode", subCode);
    }
}
