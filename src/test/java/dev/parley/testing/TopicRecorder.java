package dev.parley.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/** Listens to a Redis pub/sub topic as another pod would, and keeps what arrives, in order. */
public final class TopicRecorder implements AutoCloseable {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;

    private TopicRecorder(ReactiveRedisDataSource redis, String topic) {
        this.subscriber = redis.pubsub(String.class).subscribe(topic, received::add).await().atMost(Duration.ofSeconds(5));
    }

    public static TopicRecorder listen(ReactiveRedisDataSource redis, String topic) {
        return new TopicRecorder(redis, topic);
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} messages arrived (or fails after {@code within}); answers all so far. */
    public List<String> awaitAtLeast(int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " messages within " + within + ", got " + received);
            }
            sleep(Duration.ofMillis(20));
        }
        return received();
    }

    /** Waits a while longer, so that a message that should not come has had time to arrive; answers all. */
    public List<String> settle(Duration quiet) {
        sleep(quiet);
        return received();
    }

    @Override
    public void close() {
        subscriber.unsubscribe().await().atMost(Duration.ofSeconds(5));
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
