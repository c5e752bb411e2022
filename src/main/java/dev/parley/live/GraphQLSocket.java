package dev.parley.live;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Caller;
import graphql.ExecutionResult;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client socket speaking {@code graphql-transport-ws}, as the protocol document of the
 * graphql-ws project describes it: {@code connection_init} (with the access token in its payload)
 * within the init timeout or 4408, then {@code subscribe}/{@code next}/{@code error}/{@code complete}
 * per operation, {@code ping}/{@code pong} both ways. Control messages are handled on the socket's
 * event loop; operations run on worker threads through {@link GraphQLOperations}.
 */
final class GraphQLSocket {

    private static final Logger LOG = Logger.getLogger(GraphQLSocket.class);

    /** Close codes of the protocol (4xxx) and of RFC 6455. */
    static final short BAD_REQUEST = 4400, UNAUTHORIZED = 4401, FORBIDDEN = 4403, INIT_TIMEOUT = 4408,
            SUBSCRIBER_EXISTS = 4409, TOO_MANY_INITS = 4429, INTERNAL_ERROR = 4500, SERVICE_RESTART = 1012,
            TRY_AGAIN_LATER = 1013;

    private final ServerWebSocket socket;
    private final LiveSockets sockets;
    private final GraphQLOperations operations;
    private final ParleyConfig.Live settings;
    private final SharedRendering rendering;
    private final AtomicBoolean initReceived = new AtomicBoolean();
    private final AtomicReference<Caller> caller = new AtomicReference<>();
    private final Map<String, Subscription> running = new ConcurrentHashMap<>();
    private final AtomicLong unsentBytes = new AtomicLong();
    private final OperationQuota quota;
    private static final long HEARTBEAT_EVERY_NANOS = 1_000_000_000L;
    private volatile boolean closed;
    private volatile long lastHeartbeat = System.nanoTime() - HEARTBEAT_EVERY_NANOS;
    /**
     * Deadlines (epoch ms) the pod's sweep checks ({@link LiveSockets#sweep}): no timers per socket.
     * {@code initBy} is cleared when {@code connection_init} arrives, {@code expiresAt} set at sign-in.
     */
    private volatile long initBy, expiresAt = Long.MAX_VALUE, pingAt;
    private io.vertx.core.Context context;

    GraphQLSocket(ServerWebSocket socket, LiveSockets sockets, GraphQLOperations operations, SharedRendering rendering,
            ParleyConfig.Live settings) {
        this.socket = socket;
        this.rendering = rendering;
        this.sockets = sockets;
        this.operations = operations;
        this.settings = settings;
        this.quota = new OperationQuota(settings.maxOperations(), settings.subscribesPerSecond());
    }

    void start() {
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(binary -> close(BAD_REQUEST, "Binary messages are not part of graphql-transport-ws"));
        socket.closeHandler(ignored -> onClosed());
        socket.exceptionHandler(failure -> LOG.debugf("Socket failed: %s", failure.getMessage()));
        context = sockets.vertx().getOrCreateContext();
        long now = System.currentTimeMillis();
        initBy = now + settings.initTimeout().toMillis();
        pingAt = now + settings.pingEvery().toMillis();
        sockets.watch(this);
    }

    /**
     * The sweep's visit ({@code now} in epoch ms): closes a socket past its init timeout or its token's
     * expiry, pings one whose ping is due. The init timeout is decided on the socket's own event loop,
     * behind whatever it has already read: a {@code connection_init} that arrived in time counts, however
     * long the event loop took to get to it.
     */
    void sweep(long now) {
        long init = initBy;
        if (init != 0 && now >= init) {
            context.runOnContext(ignored -> {
                if (initBy != 0) {
                    close(INIT_TIMEOUT, "Connection initialisation timeout");
                }
            });
        } else if (now >= expiresAt) {
            close(FORBIDDEN, "Forbidden: the access token expired");
        } else if (now >= pingAt) {
            pingAt = now + settings.pingEvery().toMillis();
            send(Json.createObjectBuilder().add("type", "ping").build());
        }
    }

    Caller caller() {
        return caller.get();
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        JsonObject message = parse(text);
        if (message == null) {
            return;
        }
        switch (message.getString("type")) {
            case "connection_init" -> onInit(message);
            case "ping" -> {
                send(Json.createObjectBuilder().add("type", "pong").build());
                heartbeat();
            }
            case "pong" -> heartbeat();
            case "subscribe" -> onSubscribe(message);
            case "complete" -> {
                Subscription stopped = running.remove(message.getString("id", ""));
                if (stopped != null) {
                    stopped.cancel();
                }
            }
            default -> close(BAD_REQUEST, "Unknown message type");
        }
    }

    private JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject message = reader.readObject();
            JsonValue type = message.get("type");
            if (type != null && type.getValueType() == JsonValue.ValueType.STRING) {
                return message;
            }
        } catch (RuntimeException malformed) {
            // falls through to the close below
        }
        close(BAD_REQUEST, "Invalid message received");
        return null;
    }

    private void onInit(JsonObject message) {
        if (initReceived.getAndSet(true)) {
            close(TOO_MANY_INITS, "Too many initialisation requests");
            return;
        }
        initBy = 0; // the client was in time, however long the server takes to sign it in
        JsonValue payload = message.get("payload");
        sockets.worker(() -> {
            Caller verified;
            try {
                verified = sockets.authenticate(payload instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
            } catch (ParleyException refused) {
                close(FORBIDDEN, "Forbidden");
                return;
            }
            caller.set(verified);
            sockets.opened(this);
            if (closed) {
                sockets.closed(this); // closed while signing in: cancelAll may have run before opened
                return;
            }
            expiresAt = verified.expiresAt().toEpochMilli();
            send(Json.createObjectBuilder().add("type", "connection_ack").build());
        });
    }

    private void onSubscribe(JsonObject message) {
        Caller current = caller.get();
        if (current == null) {
            close(UNAUTHORIZED, "Unauthorized");
            return;
        }
        JsonValue id = message.get("id");
        JsonValue payload = message.get("payload");
        if (!(id instanceof jakarta.json.JsonString operationId) || operationId.getString().isEmpty()
                || !(payload instanceof JsonObject request) || !(request.get("query") instanceof jakarta.json.JsonString)) {
            close(BAD_REQUEST, "Invalid message received");
            return;
        }
        String opId = operationId.getString();
        if (running.containsKey(opId)) {
            close(SUBSCRIBER_EXISTS, "Subscriber for " + opId + " already exists");
            return;
        }
        ParleyException refused = quota.admit(running.size());
        if (refused != null) {
            error(opId, errorsFor(refused)); // this operation only: the socket and its other operations go on
            return;
        }
        // A slot of its own: after "subscribe X, complete X, subscribe X" the first stream must not take the second's.
        Subscription slot = new Pending();
        running.put(opId, slot);
        heartbeat();
        Writer writer = new Writer(opId, slot);
        EventOutlet outlet = new EventOutlet(rendering, request, current, opId, this::sendText,
                () -> !closed && running.get(opId) == writer.current.get());
        sockets.worker(() -> operations.execute(request, current, writer, Map.of(EventGraphQL.OUTLET, outlet)));
    }

    /** Signs of life keep the person online; one per second per socket is plenty (a burst of subscribes is one). */
    private void heartbeat() {
        Caller current = caller.get();
        long now = System.nanoTime();
        if (current != null && now - lastHeartbeat > HEARTBEAT_EVERY_NANOS) {
            lastHeartbeat = now;
            sockets.heartbeat(current.userId());
        }
    }

    /** Receives an operation's result: one response, or a stream of them for a subscription. */
    private final class Writer implements ExecutionResponseWriter {

        private final String id;
        private final Subscription slot;
        /** What holds the operation's place in {@link #running}: its slot, then its stream's subscription. */
        final AtomicReference<Subscription> current;

        Writer(String id, Subscription slot) {
            this.id = id;
            this.slot = slot;
            this.current = new AtomicReference<>(slot);
        }

        @Override
        public void write(ExecutionResponse response) {
            ExecutionResult result = response.getExecutionResult();
            Object data = result.isDataPresent() ? result.getData() : null;
            if (data instanceof Publisher<?> stream) {
                @SuppressWarnings("unchecked")
                Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) stream;
                results.subscribe(new Stream(id, slot, current));
            } else if (data != null) {
                if (running.remove(id, slot)) {
                    next(id, response.getExecutionResultAsJsonObject());
                    send(Json.createObjectBuilder().add("type", "complete").add("id", id).build());
                }
            } else if (running.remove(id, slot)) {
                JsonArray errors = response.getExecutionResultAsJsonObject().getJsonArray("errors");
                error(id, errors == null ? internalError() : errors);
            }
        }

        @Override
        public void fail(Throwable failure) {
            LOG.warnf(failure, "GraphQL operation %s failed", id);
            if (running.remove(id, slot)) {
                error(id, internalError());
            }
        }
    }

    /** Forwards a subscription's results; a failure ends it with an {@code error} message, never silence. */
    private final class Stream implements Subscriber<ExecutionResult> {

        private final String id;
        private final Subscription slot;
        private final AtomicReference<Subscription> current;
        private Subscription subscription;

        Stream(String id, Subscription slot, AtomicReference<Subscription> current) {
            this.id = id;
            this.slot = slot;
            this.current = current;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            current.set(s);
            if (closed || !running.replace(id, slot, s)) {
                s.cancel(); // completed by the client or the socket closed meanwhile
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(ExecutionResult result) {
            if (running.get(id) != subscription) {
                return;
            }
            next(id, new ExecutionResponse(result).getExecutionResultAsJsonObject());
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof BackPressureFailure) {
                close(TRY_AGAIN_LATER, "Too many events waiting: reconnect and resume");
            } else if (running.remove(id, subscription)) {
                error(id, errorsFor(failure));
            }
        }

        @Override
        public void onComplete() {
            if (running.remove(id, subscription)) {
                send(Json.createObjectBuilder().add("type", "complete").add("id", id).build());
            }
        }
    }

    private static JsonArray errorsFor(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ParleyException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ParleyException known && known.code() != ErrorCode.INTERNAL) {
            var extensions = Json.createObjectBuilder();
            known.getExtensions().forEach((name, value) -> extensions.add(name, value instanceof JsonValue json ? json : Json.createValue(String.valueOf(value))));
            return Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", known.getMessage()).add("extensions", extensions)).build();
        }
        LOG.warn("A subscription stream failed", failure);
        return internalError();
    }

    private static JsonArray internalError() {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", "Internal error")
                .add("extensions", Json.createObjectBuilder().add("code", ErrorCode.INTERNAL.name()))).build();
    }

    private void next(String id, JsonObject payload) {
        send(Json.createObjectBuilder().add("type", "next").add("id", id).add("payload", payload).build());
    }

    private void error(String id, JsonArray errors) {
        send(Json.createObjectBuilder().add("type", "error").add("id", id).add("payload", errors).build());
    }

    /**
     * Queues a message. A client that stops reading has {@code sendBuffer} of room (what the socket
     * has not written yet); past that it is disconnected (1013: reconnect and resume), and nobody
     * else waits for it.
     */
    private void send(JsonObject message) {
        sendText(message.toString());
    }

    private void sendText(String text) {
        if (closed) {
            return;
        }
        if (unsentBytes.addAndGet(text.length()) > settings.sendBuffer().asLongValue()) {
            close(TRY_AGAIN_LATER, "Send buffer overflow: reconnect and resume");
            return;
        }
        socket.writeTextMessage(text).onComplete(done -> unsentBytes.addAndGet(-text.length()));
    }

    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        cancelAll();
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
    }

    private void onClosed() {
        closed = true;
        cancelAll();
    }

    private void cancelAll() {
        // One by one: a stream subscribing meanwhile either is removed (and cancelled) here or finds its slot gone.
        running.keySet().forEach(id -> {
            Subscription stopped = running.remove(id);
            if (stopped != null) {
                stopped.cancel();
            }
        });
        sockets.closed(this);
    }

    /** An operation's place in {@link #running} until its stream has subscribed. */
    private static final class Pending implements Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
