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

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;
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
    private final boolean reading;
    private volatile Receiver receiver;
    private WebSocket socket;

    private SocketClient(boolean reading) {
        this.reading = reading;
    }

    public static SocketClient connect() {
        return connect(testPort(), true, "graphql-transport-ws");
    }

    /** A client that stops reading after the handshake, as a stalled browser tab would. */
    public static SocketClient connectWithoutReading() {
        return connect(testPort(), false, "graphql-transport-ws");
    }

    public static SocketClient connect(int port, boolean reading, String subprotocol) {
        return connect(HttpClient.newHttpClient(), port, reading, subprotocol);
    }

    /**
     * A socket opened through {@code http}: load tests open many sockets through a few shared
     * clients, since each {@link HttpClient} has a selector thread of its own.
     */
    public static SocketClient connect(HttpClient http, int port, boolean reading, String subprotocol) {
        SocketClient client = new SocketClient(reading);
        client.socket = http.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), client.listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
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
                if (reading) {
                    webSocket.request(1);
                }
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
                webSocket.request(1);
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
