package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** The baseline: Redis pub/sub through the Vert.x Redis client, on the Redis the app uses, no Parley code involved. */
final class RawRedis implements AutoCloseable {
    private final Redis client;

    RawRedis(Vertx vertx) {
        String hosts = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class).split(",")[0];
        int pool = RealtimeBenchmark.THROUGHPUT_SUBSCRIBERS + RealtimeBenchmark.THROUGHPUT_SENDERS + 16;
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(hosts)
                .setMaxPoolSize(pool).setMaxPoolWaiting(pool * 2).setMaxWaitingHandlers(1_000_000));
    }

    /**
     * {@code count} sequential round trips: PUBLISH on one connection, timed until the message
     * reaches the SUBSCRIBE handler of another; returns the latencies in nanoseconds.
     */
    long[] roundTrips(int count) throws Exception {
        String topic = "bench:rt:" + UUID.randomUUID();
        AtomicReference<String> expected = new AtomicReference<>();
        AtomicReference<CompletableFuture<Long>> arrival = new AtomicReference<>();
        RedisConnection subscriber = await(client.connect());
        RedisConnection publisher = await(client.connect());
        try {
            subscriber.handler(push -> {
                long at = System.nanoTime();
                String payload = messagePayload(push);
                if (payload != null && payload.equals(expected.get())) {
                    arrival.get().complete(at);
                }
            });
            await(subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(topic)));
            long[] samples = new long[count];
            for (int i = 0; i < count; i++) {
                String payload = "rt-" + i;
                CompletableFuture<Long> arrived = new CompletableFuture<>();
                arrival.set(arrived);
                expected.set(payload);
                long start = System.nanoTime();
                publisher.send(Request.cmd(Command.PUBLISH).arg(topic).arg(payload));
                samples[i] = arrived.get(10, TimeUnit.SECONDS) - start;
            }
            return samples;
        } finally {
            subscriber.close();
            publisher.close();
        }
    }

    /** {@code subscribers} connections subscribed to one topic. */
    Fanout fanout(int subscribers) throws Exception {
        return new Fanout(subscribers);
    }

    final class Fanout implements AutoCloseable {
        private final String topic = "bench:fanout:" + UUID.randomUUID();
        private final List<RedisConnection> connections = new ArrayList<>();
        private final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE);
        private volatile CountDownLatch remaining = new CountDownLatch(0);
        private volatile String prefix = "";

        Fanout(int subscribers) throws Exception {
            List<io.vertx.core.Future<RedisConnection>> opening = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                opening.add(client.connect().compose(connection -> {
                    synchronized (connections) {
                        connections.add(connection);
                    }
                    connection.handler(push -> {
                        long at = System.nanoTime();
                        String payload = messagePayload(push);
                        if (payload != null && payload.startsWith(prefix)) {
                            lastArrival.accumulateAndGet(at, Math::max);
                            remaining.countDown();
                        }
                    });
                    return connection.send(Request.cmd(Command.SUBSCRIBE).arg(topic)).map(connection);
                }));
            }
            try {
                for (var future : opening) {
                    await(future);
                }
            } catch (Exception failed) {
                close();
                throw failed;
            }
        }

        /**
         * {@code publishers} threads publish {@code count} messages as fast as they can (each waits
         * for Redis's reply before the next); returns the nanoseconds from the first PUBLISH until
         * every subscriber connection had every message.
         */
        long publish(int count, int publishers) throws Exception {
            String round = "m-" + UUID.randomUUID() + "-";
            lastArrival.set(Long.MIN_VALUE);
            remaining = new CountDownLatch(count * connections.size());
            prefix = round;
            List<RedisConnection> senders = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                senders.add(await(client.connect()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            try {
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (RedisConnection sender : senders) {
                    futures.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            await(sender.send(Request.cmd(Command.PUBLISH).arg(topic).arg(round + i + " " + RealtimeBenchmark.TEXT)));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(5, TimeUnit.MINUTES);
                }
                if (!remaining.await(RealtimeBenchmark.DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("raw Redis: " + remaining.getCount() + " deliveries missing");
                }
                return lastArrival.get() - start;
            } finally {
                pool.shutdownNow();
                senders.forEach(RedisConnection::close);
            }
        }

        @Override
        public void close() {
            synchronized (connections) {
                connections.forEach(RedisConnection::close);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The payload of a RESP2 pub/sub push {@code ["message", topic, payload]}, or null for anything else. */
    private static String messagePayload(Response push) {
        if (push != null && push.size() == 3 && "message".equals(push.get(0).toString())) {
            return push.get(2).toString();
        }
        return null;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
