package dev.parley.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Redis pub/sub between pods, through {@link RedisPublisher}: publishing never fails the caller
 * (what is durable is in DynamoDB already, and subscribers catch up from the event log when a notice
 * is lost) and never waits behind other Redis commands. It sits in the platform's Redis layer so
 * that what publishes (the event log, notifications, presence, typing) does not reach up into the
 * live transport that subscribes ({@code live.ChannelFeeds}).
 *
 * <p>Topics and their payloads:
 * <ul>
 * <li>{@link #channelTopic}: the channel's newest event sequence, as decimal text;</li>
 * <li>{@link #userTopic}: signals for one person ({@code joined:<channelId>:<seq>},
 * {@code notification:<notificationId>}, {@code left-workspace:<workspaceId>});</li>
 * <li>{@link #presenceTopic}: the person's presence ({@code Presence.encode});</li>
 * <li>{@link #typingTopic}: someone typing in the channel ({@code TypingEvent.encode});</li>
 * <li>{@link #logTopic}: a commit to a channel of this log partition, as {@code <channelId>:<seq>} (for log consumers).</li>
 * </ul>
 * Sign-outs have a topic of their own, {@code parley:revoked} ({@code platform.security.RevokedTokens}).
 */
@ApplicationScoped
public class LiveBus {

    static final String PREFIX = "parley:";

    private final RedisPublisher publisher;

    public LiveBus(RedisPublisher publisher) {
        this.publisher = publisher;
    }

    public static String channelTopic(String channelId) {
        return PREFIX + "channel:" + channelId;
    }

    public static String userTopic(String userId) {
        return PREFIX + "user:" + userId;
    }

    public static String presenceTopic(String userId) {
        return PREFIX + "presence:" + userId;
    }

    public static String typingTopic(String channelId) {
        return PREFIX + "typing:" + channelId;
    }

    public static String logTopic(String partition) {
        return PREFIX + "log:" + partition;
    }

    /** Fire and forget: a failure is counted and logged ({@code parley_notices_unpublished_total}), never thrown. */
    public void publish(String topic, String payload) {
        publisher.publish(topic, payload);
    }
}
