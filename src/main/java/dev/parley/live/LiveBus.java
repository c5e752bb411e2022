package dev.parley.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/**
 * Redis pub/sub between pods. Publishing never fails the caller: what is durable is in DynamoDB
 * already, and subscribers catch up from the event log when a notice is lost.
 *
 * <p>Topics and their payloads:
 * <ul>
 * <li>{@link #channelTopic}: the channel's newest event sequence, as decimal text;</li>
 * <li>{@link #userTopic}: signals for one person ({@code joined:<channelId>:<seq>},
 * {@code notification:<notificationId>}, {@code left-workspace:<workspaceId>});</li>
 * <li>{@link #presenceTopic}: the person's presence ({@code Presence.encode});</li>
 * <li>{@link #typingTopic}: someone typing in the channel ({@code TypingEvent.encode}).</li>
 * </ul>
 */
@ApplicationScoped
public class LiveBus {

    private static final Logger LOG = Logger.getLogger(LiveBus.class);
    static final String PREFIX = "parley:";

    private final ReactivePubSubCommands<String> pubsub;

    public LiveBus(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
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

    /** Sign-outs ({@code session:<sessionId>}), so every pod closes those sessions' sockets. */
    public static String revocationsTopic() {
        return PREFIX + "revoked";
    }

    /** Fire and forget: a failure is logged, never thrown. */
    public void publish(String topic, String payload) {
        pubsub.publish(topic, payload).subscribe().with(
                receivers -> { },
                failure -> LOG.warnf("Could not publish to %s: %s", topic, failure.getMessage()));
    }
}
