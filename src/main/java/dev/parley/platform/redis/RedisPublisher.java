package dev.parley.platform.redis;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.health.Degradations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;

/**
 * PUBLISH over one connection of its own, kept open: commands sent on one connection are pipelined
 * (each is written at once, replies come back in order), so a burst of notices never waits in the
 * pool's queue behind other commands, nor overflows it. A notice that cannot be published (Redis
 * down, the connection's pipeline full) is counted ({@link Degradations#noticeUnpublished}), never
 * thrown: what is durable is in DynamoDB already, and subscribers catch up from there.
 */
@ApplicationScoped
public class RedisPublisher {

    private final Redis redis;
    private final Degradations degradations;
    /** The connection, or its opening; null when none is open (the next publish opens one). */
    private final AtomicReference<Uni<RedisConnection>> connection = new AtomicReference<>();
    private volatile boolean stopped;

    public RedisPublisher(Redis redis, Degradations degradations) {
        this.redis = redis;
        this.degradations = degradations;
    }

    /** Fire and forget; never blocks. */
    public void publish(String topic, String payload) {
        connection().chain(open -> open.send(Request.cmd(Command.PUBLISH).arg(topic).arg(payload)))
                .subscribe().with(receivers -> { }, failure -> degradations.noticeUnpublished(topic, failure.getMessage()));
    }

    private Uni<RedisConnection> connection() {
        Uni<RedisConnection> current = connection.get();
        while (current == null) {
            if (stopped) {
                return Uni.createFrom().failure(new IllegalStateException("shutting down"));
            }
            Uni<RedisConnection> opening = open();
            current = connection.compareAndSet(null, opening) ? opening : connection.get();
        }
        return current;
    }

    private Uni<RedisConnection> open() {
        AtomicReference<Uni<RedisConnection>> self = new AtomicReference<>();
        Uni<RedisConnection> opening = redis.connect()
                .onItem().invoke(opened -> {
                    opened.exceptionHandler(failure -> {
                        connection.compareAndSet(self.get(), null);
                        opened.close().subscribe().with(ok -> { }, ignored -> { });
                    });
                    opened.endHandler(() -> connection.compareAndSet(self.get(), null));
                })
                .onFailure().invoke(failure -> connection.compareAndSet(self.get(), null))
                .memoize().indefinitely();
        self.set(opening);
        return opening;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        Uni<RedisConnection> current = connection.getAndSet(null);
        if (current != null) {
            current.subscribe().with(open -> open.close().subscribe().with(ok -> { }, failure -> { }), failure -> { });
        }
    }
}
