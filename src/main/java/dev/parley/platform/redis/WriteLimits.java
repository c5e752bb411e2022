package dev.parley.platform.redis;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;

/**
 * Per-person limits on writes ({@code parley.rate-limit.*}), counted through {@link RateLimiter} so
 * every pod shares them: one Redis call per counted write. Beyond a limit: RATE_LIMITED with
 * {@code retryAfterSeconds}, before anything is read or written. While Redis does not answer, the
 * limiter counts on this pod (and counts that as a fail-open), so people keep chatting through an outage.
 */
@ApplicationScoped
public class WriteLimits {

    public enum Write {
        SEND_MESSAGE("send-message", ParleyConfig.RateLimit::sendMessage),
        MENTION_EVERYONE("mention-everyone", ParleyConfig.RateLimit::mentionEveryone),
        ADD_REACTION("add-reaction", ParleyConfig.RateLimit::addReaction),
        CREATE_CHANNEL("create-channel", ParleyConfig.RateLimit::createChannel),
        OPEN_DIRECT_MESSAGE("open-direct-message", ParleyConfig.RateLimit::openDirectMessage),
        CREATE_WORKSPACE("create-workspace", ParleyConfig.RateLimit::createWorkspace),
        CREATE_INVITE("create-invite", ParleyConfig.RateLimit::createInvite);

        private final String bucket;
        private final Function<ParleyConfig.RateLimit, ParleyConfig.RateLimit.Limit> limit;

        Write(String bucket, Function<ParleyConfig.RateLimit, ParleyConfig.RateLimit.Limit> limit) {
            this.bucket = bucket;
            this.limit = limit;
        }
    }

    private final RateLimiter rateLimiter;
    private final ParleyConfig.RateLimit config;

    public WriteLimits(RateLimiter rateLimiter, ParleyConfig config) {
        this.rateLimiter = rateLimiter;
        this.config = config.rateLimit();
    }

    /** Counts one {@code write} by {@code userId} (Redis key {@code ratelimit:<write>:user:<userId>}). */
    public void count(Write write, String userId) {
        ParleyConfig.RateLimit.Limit limit = write.limit.apply(config);
        rateLimiter.hit(write.bucket + ":user:" + userId, limit.limit(), limit.window());
    }
}
