package dev.parley.typing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.channel.ChannelAccess;
import dev.parley.event.ChannelEventLog;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.redis.RateLimiter;

/**
 * Typing indicators: published to the channel's typing topic, never stored. Clients may call on every
 * keystroke: per person and channel at most one event is published per half of the indicator's
 * lifetime (so a continuous typist's indicator never lapses); the calls in between answer true
 * without publishing, since the indicator already shows.
 */
@ApplicationScoped
public class TypingService {

    private static final Logger LOG = Logger.getLogger(TypingService.class);

    private final ChannelAccess access;
    private final ChannelEventLog log;
    private final RateLimiter limiter;
    private final LiveBus bus;
    private final Duration ttl;
    private final Duration republishAfter;

    public TypingService(ChannelAccess access, ChannelEventLog log, RateLimiter limiter, LiveBus bus, ParleyConfig config) {
        this.access = access;
        this.log = log;
        this.limiter = limiter;
        this.bus = bus;
        this.ttl = config.typing().ttl();
        this.republishAfter = ttl.dividedBy(2);
    }

    /**
     * The caller is typing in the channel (and thread). Needs what sending a message needs (NOT_FOUND,
     * FORBIDDEN for a public channel not joined, CHANNEL_ARCHIVED). Answers true when the others see
     * the indicator (now or from a moment ago), false when it could not be published (Redis unavailable).
     * A published event carries the channel's last event (one read), to be ordered after it.
     */
    public boolean start(String callerId, String channelId, String threadId) {
        if (threadId != null) {
            Inputs.id("threadId", threadId);
        }
        access.postable(callerId, "channelId", channelId);
        try {
            if (limiter.allows("typing:" + callerId + ":" + channelId, 1, republishAfter)) {
                long afterSeq = log.heads(List.of(channelId)).get(channelId).seq();
                TypingEvent event = new TypingEvent(channelId, threadId, callerId, Instant.now().plus(ttl), afterSeq);
                bus.publish(LiveBus.typingTopic(channelId), event.encode());
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish typing: %s", e.toString());
            return false;
        }
    }
}
