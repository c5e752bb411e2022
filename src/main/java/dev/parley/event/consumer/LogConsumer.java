package dev.parley.event.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.parley.event.ChannelEventReads;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.redis.RedisTopics;
import io.quarkus.runtime.StartupEvent;

/**
 * A durable consumer of the committed channel event log, shared by every pod. Usage: write an
 * {@code @ApplicationScoped} bean implementing {@link LogSubscriber} (a stable {@code name()}, an
 * idempotent {@code apply(channelId, events)}); it is started with the application and receives every
 * durable event committed from its first run on (or all the log keeps, with {@code replaysHistory}),
 * at least once and in order per channel, usually within {@code parley.events.consumer-batch} of the commit, and after
 * a crash or a lost Redis notice from its checkpoint within {@code parley.events.consume-every}.
 * Tests and tools can also {@link #follow} a subscriber by hand and {@link Following#stop} it.
 *
 * <p>How: the log's channels fall into {@link dev.parley.event.LogPartitions}; each partition is
 * leased (LogConsumers table, renewed every round, {@code parley.events.consumer-lease}) to one pod
 * per consumer, pods taking a fair share each. The holder hears each commit on the partition's Redis
 * topic and reads the channel's new events after its checkpoint (one Query, one BatchGetItem of the
 * messages as they are now), hands them to the subscriber, then stores the checkpoint
 * (BatchWriteItem). Every round it also reads the partition's heads changed since the last round
 * (PartitionHeadsIndex), so nothing committed is missed when a notice is lost or a pod dies: the next
 * holder starts from the checkpoints. A lease taken over while the old holder still works means
 * events handled twice, never lost, hence idempotent subscribers.
 */
@ApplicationScoped
public class LogConsumer {

    private final ChannelEventReads log;
    private final ConsumerStore store;
    private final RedisTopics topics;
    private final ParleyConfig config;
    private final Instance<LogSubscriber> subscribers;
    private final String podId = UUID.randomUUID().toString();
    private final List<Follower> running = new CopyOnWriteArrayList<>();

    public LogConsumer(ChannelEventReads log, ConsumerStore store, RedisTopics topics, ParleyConfig config,
            Instance<LogSubscriber> subscribers) {
        this.log = log;
        this.store = store;
        this.topics = topics;
        this.config = config;
        this.subscribers = subscribers;
    }

    void onStart(@Observes @Priority(50) StartupEvent event) {
        subscribers.forEach(this::follow);
    }

    /** Starts following the log for {@code subscriber} on this pod, as another pod would (its own pod id). */
    public Following follow(LogSubscriber subscriber) {
        return follow(subscriber, podId);
    }

    /** As {@link #follow(LogSubscriber)}, as the pod {@code pod} (tests: several pods in one JVM). */
    public Following follow(LogSubscriber subscriber, String pod) {
        return follow(subscriber, pod, config.events().consumerBatch());
    }

    /** As {@link #follow(LogSubscriber, String)}, collecting commits for {@code batch} before handling them. */
    public Following follow(LogSubscriber subscriber, String pod, Duration batch) {
        Follower follower = new Follower(subscriber, pod, log, store, topics, config.events().consumeEvery(),
                config.events().consumerLease(), batch, Clock.systemUTC());
        running.add(follower);
        follower.start();
        return follower;
    }

    @PreDestroy
    void stopAll() {
        running.forEach(Follower::stop);
    }

    /** A subscriber being followed on this pod. */
    public interface Following {
        /** Stops, giving up its leases at once. */
        void stop();

        /** The log partitions this pod follows for the subscriber now. */
        Set<String> partitions();

        /** Runs a round now (leases, heads, catching up) and returns when it is done. */
        void catchUpNow();
    }
}
