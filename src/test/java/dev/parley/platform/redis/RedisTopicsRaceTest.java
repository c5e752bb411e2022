package dev.parley.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The last listener of a topic leaving while a new one arrives: the newcomer still hears what is
 * published after its listen is confirmed (the UNSUBSCRIBE must not reach Redis after its SUBSCRIBE).
 */
@QuarkusTest
class RedisTopicsRaceTest {

    @Inject
    RedisTopics topics;

    @Inject
    RedisPublisher publisher;

    @Test
    void aListenRacingTheLastUnlistenOfItsTopicStillHearsIt() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 200; round++) {
            String topic = "parley:test:race:" + UUID.randomUUID();
            BiConsumer<String, String> leaving = (t, payload) -> { };
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            BiConsumer<String, String> coming = (t, payload) -> heard.add(payload);
            topics.listen(topic, leaving).get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> unlisten = CompletableFuture.runAsync(() -> {
                await(together);
                topics.unlisten(topic, leaving);
            });
            await(together);
            CompletableFuture<Void> confirmed = topics.listen(topic, coming);
            unlisten.join();
            confirmed.get(5, TimeUnit.SECONDS);
            // What was sent before is answered before anything sent later: a round trip on the same connection.
            topics.listen(topic + ":fence", coming).get(5, TimeUnit.SECONDS);
            topics.unlisten(topic + ":fence", coming);
            publisher.publish(topic, "round " + round);
            assertEquals("round " + round, heard.poll(5, TimeUnit.SECONDS), "round " + round + ": the newcomer hears its topic");
            topics.unlisten(topic, coming);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
