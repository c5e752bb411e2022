package dev.parley.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Listens racing what else happens on the pod's pub/sub connection: the last listener of a topic
 * leaving while a new one arrives (the UNSUBSCRIBE must not reach Redis after its SUBSCRIBE), and
 * listens from several threads while the connection is being opened (as beans do at startup).
 */
@QuarkusTest
class RedisTopicsRaceTest {

    @Inject
    RedisTopics topics;

    @Inject
    RedisPublisher publisher;

    @Inject
    Redis redis;

    @Inject
    Vertx vertx;

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

    @Test
    void listensFromSeveralThreadsWhileTheConnectionOpensAreAllSubscribed() throws Exception {
        for (int round = 0; round < 20; round++) {
            RedisTopics fresh = new RedisTopics(redis, vertx); // not connected yet: the first listen opens it
            try {
                List<String> names = new ArrayList<>();
                List<CompletableFuture<Void>> listening = new ArrayList<>();
                BlockingQueue<String> heard = new LinkedBlockingQueue<>();
                CyclicBarrier together = new CyclicBarrier(4);
                for (int thread = 0; thread < 4; thread++) {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        mine.add("parley:test:connecting:" + UUID.randomUUID());
                    }
                    names.addAll(mine);
                    listening.add(CompletableFuture.runAsync(() -> {
                        await(together);
                        List<CompletableFuture<Void>> confirmed = new ArrayList<>();
                        mine.forEach(topic -> confirmed.add(fresh.listen(topic, (t, payload) -> heard.add(t))));
                        confirmed.forEach(each -> each.orTimeout(5, TimeUnit.SECONDS).join());
                    }));
                }
                CompletableFuture.allOf(listening.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                names.forEach(topic -> publisher.publish(topic, "hello"));
                Set<String> reached = new HashSet<>();
                while (reached.size() < names.size()) {
                    String topic = heard.poll(5, TimeUnit.SECONDS);
                    if (topic == null) {
                        break;
                    }
                    reached.add(topic);
                }
                assertEquals(names.size(), reached.size(), "round " + round + ": every topic is heard");
            } finally {
                fresh.stop();
            }
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
