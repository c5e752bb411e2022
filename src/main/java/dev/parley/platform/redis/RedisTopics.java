package dev.parley.platform.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * This pod's subscriptions to Redis pub/sub topics, over one dedicated connection. Topics are
 * reference counted: the first listener subscribes, the last one to leave unsubscribes, so a pod
 * only hears about what its connected users need. When the connection drops it tells
 * {@link #onLost} listeners, reconnects, subscribes to every topic again and, once Redis has
 * confirmed those subscriptions, tells {@link #onReconnect} listeners, who catch up on what they may
 * have missed meanwhile (anything published after that reaches them).
 */
@ApplicationScoped
public class RedisTopics {

    private static final Logger LOG = Logger.getLogger(RedisTopics.class);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final Redis redis;
    private final Vertx vertx;
    private final Map<String, List<BiConsumer<String, String>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private volatile RedisConnection connection;
    private volatile boolean connecting;
    /** Whether a connection was open before: every later one, whichever call opens it, is a reconnect. */
    private volatile boolean connectedBefore;
    private volatile boolean stopped;

    public RedisTopics(Redis redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    /**
     * Calls {@code listener(topic, payload)} for each message on {@code topic} until {@link #unlisten};
     * completes once Redis has confirmed the subscription (messages published after that arrive).
     * The SUBSCRIBE and UNSUBSCRIBE of one topic are sent under the topic's entry, so a first listen
     * racing a last unlisten cannot reach Redis in the wrong order (and leave a listener unsubscribed).
     */
    public CompletableFuture<Void> listen(String topic, BiConsumer<String, String> listener) {
        List<CompletableFuture<Void>> confirmed = new ArrayList<>(1);
        boolean[] sentUnconnected = { false };
        listeners.compute(topic, (t, list) -> {
            List<BiConsumer<String, String>> updated = list == null ? new CopyOnWriteArrayList<>() : list;
            if (updated.isEmpty()) {
                CompletableFuture<Void> subscribed = new CompletableFuture<>();
                confirmations.put(t, subscribed);
                sentUnconnected[0] = connection == null;
                send(Command.SUBSCRIBE, t, subscribed);
            }
            updated.add(listener);
            confirmed.add(confirmations.get(t));
            return updated;
        });
        if (sentUnconnected[0] && connection != null) {
            // A connection opened while this topic was being added: its round of SUBSCRIBEs may not have
            // seen the topic yet (a key being computed is invisible to other threads), so subscribe on it.
            listeners.computeIfPresent(topic, (t, list) -> {
                if (!list.isEmpty()) {
                    send(Command.SUBSCRIBE, t, confirmations.get(t));
                }
                return list;
            });
        }
        return confirmed.get(0);
    }

    public void unlisten(String topic, BiConsumer<String, String> listener) {
        listeners.computeIfPresent(topic, (t, list) -> {
            list.remove(listener);
            if (!list.isEmpty()) {
                return list;
            }
            confirmations.remove(t);
            send(Command.UNSUBSCRIBE, t, null);
            return null;
        });
    }

    /** How many listeners hear the topic on this pod, confirmed or not (tests: nothing is left behind). */
    public int listeners(String topic) {
        List<BiConsumer<String, String>> forTopic = listeners.get(topic);
        return forTopic == null ? 0 : forTopic.size();
    }

    /** How many listeners hear the topic on this pod once Redis has confirmed it, else 0 (tests: a stream is set up). */
    public int confirmedListeners(String topic) {
        CompletableFuture<Void> confirmed = confirmations.get(topic);
        List<BiConsumer<String, String>> forTopic = listeners.get(topic);
        return confirmed == null || !confirmed.isDone() || forTopic == null ? 0 : forTopic.size();
    }

    /**
     * Runs after the connection came back and every topic is subscribed again (messages published
     * while it was away are lost); on the event loop, so it must not block.
     */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Runs when the connection dropped (until {@link #onReconnect}, nothing published arrives); must not block. */
    public void onLost(Runnable listener) {
        lostListeners.add(listener);
    }

    /**
     * Completes when Redis has answered the command (at once, without sending it, when not connected);
     * {@code confirms} too, if given and the command succeeded (the future of this SUBSCRIBE, not of a later one).
     */
    private CompletableFuture<Void> send(Command command, String topic, CompletableFuture<Void> confirms) {
        RedisConnection current = connection;
        if (current == null) {
            connect(); // subscribes to every topic in the map once connected
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> answered = new CompletableFuture<>();
        current.send(Request.cmd(command).arg(topic)).subscribe().with(ok -> {
            if (confirms != null) {
                confirms.complete(null);
            }
            answered.complete(null);
        }, failure -> {
            LOG.debugf("%s %s failed: %s", command, topic, failure.getMessage());
            answered.complete(null);
        });
        return answered;
    }

    private synchronized void connect() {
        if (connecting || connection != null || stopped) {
            return;
        }
        connecting = true;
        redis.connect().subscribe().with(opened -> {
            opened.handler(this::onPush);
            opened.exceptionHandler(failure -> lost(opened, failure.getMessage()));
            opened.endHandler(() -> lost(opened, "closed"));
            boolean reconnecting = connectedBefore;
            connectedBefore = true;
            connection = opened;
            connecting = false;
            // Redis answers a connection's commands in order: once the last SUBSCRIBE is answered, all are.
            CompletableFuture<Void> lastAnswered = CompletableFuture.completedFuture(null);
            for (String topic : listeners.keySet()) {
                lastAnswered = send(Command.SUBSCRIBE, topic, confirmations.get(topic));
            }
            if (reconnecting) {
                lastAnswered.thenRun(() -> {
                    LOG.info("Redis pub/sub connection is back; catching up");
                    reconnectListeners.forEach(Runnable::run);
                });
            }
        }, failure -> {
            connecting = false;
            LOG.debugf("Redis pub/sub connection failed: %s", failure.getMessage());
            retryLater();
        });
    }

    private void lost(RedisConnection which, String why) {
        synchronized (this) {
            if (connection != which) {
                return;
            }
            connection = null;
        }
        LOG.warnf("Redis pub/sub connection lost (%s); reconnecting", why);
        lostListeners.forEach(Runnable::run);
        retryLater();
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(RETRY.toMillis(), id -> connect());
        }
    }

    private void onPush(Response push) {
        // RESP2 pushes are ["message", topic, payload]; subscribe confirmations are ignored.
        if (push.size() == 3 && "message".equals(push.get(0).toString())) {
            String topic = push.get(1).toString();
            String payload = push.get(2).toString();
            List<BiConsumer<String, String>> forTopic = listeners.get(topic);
            if (forTopic != null) {
                forTopic.forEach(listener -> listener.accept(topic, payload));
            }
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        RedisConnection current = connection;
        if (current != null) {
            current.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
