package dev.parley.platform.redis;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;

/**
 * Per-person limits on writes ({@code parley.rate-limit.*}), counted through {@link RateLimiter} so
 * every pod shares them: one Redis call per counted write. Beyond a limit: RATE_LIMITED with
 * {@code retryAfterSeconds}, before anything is read or written. When the count itself fails (Redis
 * unreachable and no fallback in the limiter), the write goes through: people keep chatting through a
 * Redis outage, which the log shows.
 */
@ApplicationScoped
public class WriteLimits {

    private static final Logger LOG = Logger.getLogger(WriteLimits.class);

    public enum Write {
        SEND_MESSAGE("send-message", ParleyConfig.RateLimit::sendMessage),
        MENTION_EVERYONE("mention-everyone", ParleyConfig.RateLimit::mentionEveryone),
        ADD_REACTION("add-reaction", ParleyConfig.RateLimit::addReaction),
        CREATE_CHANNEL("create-channel", ParleyConfig.RateLimit::createChannel),
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
        try {
            rateLimiter.hit(write.bucket + ":user:" + userId, limit.limit(), limit.window());
        } catch (ParleyException limited) {
            throw limited;
        } catch (RuntimeException uncounted) {
            LOG.warnf("Could not count %s for %s; letting it through: %s", write.bucket, userId, uncounted.toString());
        }
    }
}
