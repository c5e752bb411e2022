package dev.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client speaking graphql-transport-ws to the running test instance (or any
 * other instance by port): every message it receives is queued for the test to take in order.
 */
public final class SocketClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    /** How a socket ended. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonPath> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile boolean paused;
    private boolean stalled;
    private volatile Receiver receiver;
    private WebSocket socket;

    private SocketClient() {
    }

    public static SocketClient connect() {
        return connect(testPort(), "graphql-transport-ws");
    }

    public static SocketClient connect(int port, String subprotocol) {
        return connect(HttpClient.newHttpClient(), port, subprotocol);
    }

    /**
     * A socket opened through {@code http}: load tests open many sockets through a few shared
     * clients, since each {@link HttpClient} has a selector thread of its own.
     */
    public static SocketClient connect(HttpClient http, int port, String subprotocol) {
        SocketClient client = new SocketClient();
        client.socket = http.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), client.listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** Stops reading from the socket, as a stalled browser tab would: the server's messages pile up. */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        if (stalled) {
            stalled = false;
            socket.request(1);
        }
    }

    private synchronized void readMore(WebSocket webSocket) {
        if (paused) {
            stalled = true;
        } else {
            webSocket.request(1);
        }
    }

    public static int testPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    /** Receives each message as it arrives, instead of the queue (see {@link #onEachMessage}). */
    @FunctionalInterface
    public interface Receiver {
        /** {@code arrivedAt} is {@link System#nanoTime()} when the whole message had arrived. */
        void received(long arrivedAt, String text);
    }

    /**
     * From now on hands every message (pings included) to {@code receiver} on the client's thread as
     * it arrives, with its arrival time, instead of queueing it: for benchmarks, which time deliveries
     * and must not keep what thousands of sockets receive. {@link #next} sees only what came before.
     * The receiver must not throw: the socket would stop reading.
     */
    public SocketClient onEachMessage(Receiver receiver) {
        this.receiver = receiver;
        return this;
    }

    /** Sends connection_init with the token and waits for connection_ack. */
    public SocketClient signIn(String accessToken) {
        send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + accessToken)));
        JsonPath ack = next();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new AssertionError("expected connection_ack, got " + ack.prettify());
        }
        return this;
    }

    public SocketClient subscribe(String id, String query) {
        return subscribe(id, query, Map.of());
    }

    public SocketClient subscribe(String id, String query, Map<String, Object> variables) {
        return send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query, "variables", variables)));
    }

    public SocketClient send(Map<String, Object> message) {
        return sendText(new JsonObject(message).encode());
    }

    /** Sends the messages back to back, each queued as soon as the one before is written: a burst. */
    public SocketClient sendAll(List<Map<String, Object>> messages) {
        CompletableFuture<WebSocket> sent = CompletableFuture.completedFuture(socket);
        for (Map<String, Object> message : messages) {
            String text = new JsonObject(message).encode();
            sent = sent.thenCompose(webSocket -> webSocket.sendText(text, true));
        }
        sent.join();
        return this;
    }

    public SocketClient sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next message, or an AssertionError after {@link #WAIT}. */
    public JsonPath next() {
        return next(WAIT);
    }

    public JsonPath next(Duration wait) {
        try {
            JsonPath message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + wait + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message of this type, skipping pings. */
    public JsonPath nextOf(String type) {
        for (;;) {
            JsonPath message = next();
            if (!"ping".equals(message.getString("type")) || "ping".equals(type)) {
                if (!type.equals(message.getString("type"))) {
                    throw new AssertionError("expected " + type + ", got " + message.prettify());
                }
                return message;
            }
        }
    }

    /** The next message that is not a ping, of any type. */
    public JsonPath nextSkippingPings() {
        for (;;) {
            JsonPath message = next();
            if (!"ping".equals(message.getString("type"))) {
                return message;
            }
        }
    }

    /**
     * Absence proved by a sentinel, not by waiting: the test first makes what must not arrive, then
     * something that must (the sentinel, ordered after it); the next message (pings aside) must be the
     * sentinel, so nothing else came before it. Returns the sentinel.
     */
    public JsonPath assertNextIs(String sentinel, Predicate<JsonPath> isSentinel) {
        JsonPath message = nextSkippingPings();
        if (!isSentinel.test(message)) {
            throw new AssertionError("expected " + sentinel + " next, got " + message.prettify());
        }
        return message;
    }

    /** Drops what arrives before the first message {@code wanted} accepts, and returns that message. */
    public JsonPath skipTo(Predicate<JsonPath> wanted) {
        for (;;) {
            JsonPath message = next();
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** A {@code next} of subscription {@code id} whose {@code field} (under payload.data) is {@code value}. */
    public static Predicate<JsonPath> nextWith(String id, String field, Object value) {
        return message -> {
            Object actual = message.get("payload.data." + field);
            return "next".equals(message.getString("type")) && id.equals(message.getString("id")) && String.valueOf(value).equals(String.valueOf(actual));
        };
    }

    /**
     * For a subscription just made, with no way to know when it is live: runs {@code probe} (something
     * that makes an event) until a message arrives, and returns that first message. What a
     * subscription must not replay would come before the probe's event.
     */
    public JsonPath firstWhileProbing(Runnable probe) {
        for (int attempt = 0; attempt < 20; attempt++) {
            probe.run();
            try {
                for (JsonPath message = received.poll(1500, TimeUnit.MILLISECONDS); message != null;
                        message = received.poll(1500, TimeUnit.MILLISECONDS)) {
                    if (!"ping".equals(message.getString("type"))) {
                        return message;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no message while probing");
    }

    /**
     * The protocol has no acknowledgement for {@code subscribe}, and a subscription starts "from now"
     * once the server has set it up. So: run {@code probe} (something that makes an event, such as a
     * message) until one probe reaches every given subscription of this socket, then drop what came.
     */
    public void awaitLive(Runnable probe, String... subscriptionIds) {
        java.util.Set<String> wanted = java.util.Set.of(subscriptionIds);
        java.util.Set<String> live = new java.util.HashSet<>(); // delivered any probe: set up on the server
        for (int attempt = 0; attempt < 20 && !live.containsAll(wanted); attempt++) {
            probe.run();
            for (JsonPath message : drain(Duration.ofMillis(1500))) {
                if ("next".equals(message.getString("type"))) {
                    live.add(message.getString("id"));
                } else if (wanted.contains(message.getString("id"))) {
                    throw new AssertionError("subscription " + message.getString("id") + " ended instead: " + message.prettify());
                }
            }
        }
        if (!live.containsAll(wanted)) {
            throw new AssertionError("subscriptions " + wanted + " never delivered; these did: " + live);
        }
        while (!drain(Duration.ofMillis(500)).isEmpty()) {
            // the last probes' events
        }
    }

    /** Whatever arrives within {@code wait}, pings left out. */
    public List<JsonPath> drain(Duration wait) {
        List<JsonPath> messages = new ArrayList<>();
        long until = System.nanoTime() + wait.toNanos();
        for (;;) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return messages;
            }
            try {
                JsonPath message = received.poll(left, TimeUnit.NANOSECONDS);
                if (message != null && !"ping".equals(message.getString("type"))) {
                    messages.add(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return messages;
            }
        }
    }

    public Closed awaitClose() {
        return awaitClose(WAIT);
    }

    public Closed awaitClose(Duration wait) {
        return closed.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    long arrivedAt = System.nanoTime();
                    Receiver direct = receiver;
                    if (direct != null) {
                        direct.received(arrivedAt, partial.toString());
                    } else {
                        received.add(new JsonPath(partial.toString()));
                    }
                    partial.setLength(0);
                }
                readMore(webSocket);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
            }
        };
    }
}
