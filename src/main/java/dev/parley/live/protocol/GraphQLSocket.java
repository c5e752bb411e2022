package dev.parley.live.protocol;

import java.io.StringReader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import dev.parley.live.delivery.DeliveryLanes;
import dev.parley.live.delivery.Frames;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.live.delivery.SharedRendering;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.json.Json;
import dev.parley.platform.security.Caller;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.http.ServerWebSocket;

/**
 * One client socket speaking {@code graphql-transport-ws}, as the protocol document of the
 * graphql-ws project describes it: {@code connection_init} (with the access token in its payload)
 * within the init timeout or 4408, then {@code subscribe}/{@code next}/{@code error}/{@code complete}
 * per operation, {@code ping}/{@code pong} both ways. Control messages are handled on the socket's
 * event loop; operations ({@link SocketOperations}) run on worker threads through {@link GraphQLOperations}.
 */
final class GraphQLSocket implements Frames {

    private static final Logger LOG = Logger.getLogger(GraphQLSocket.class);

    /** Close codes of the protocol (4xxx) and of RFC 6455. */
    static final short BAD_REQUEST = 4400, UNAUTHORIZED = 4401, FORBIDDEN = 4403, INIT_TIMEOUT = 4408,
            SUBSCRIBER_EXISTS = 4409, TOO_MANY_INITS = 4429, INTERNAL_ERROR = 4500, SERVICE_RESTART = 1012,
            TRY_AGAIN_LATER = 1013;

    private final ServerWebSocket socket;
    private final LiveSockets sockets;
    private final SocketOperations operations;
    private final ParleyConfig.Live settings;
    private final AtomicBoolean initReceived = new AtomicBoolean();
    private final AtomicReference<Caller> caller = new AtomicReference<>();
    /** The socket's Netty channel, where delivery writes its frames (control messages go through Vert.x). */
    private final ChannelHandlerContext channel;
    private final DeliveryLanes.Lane lane;
    /** A flush is due at the end of the lane's batch (used on the event loop only). */
    private boolean flushDue;
    /** Made once: a batch runs it for every socket it wrote to. */
    private final Runnable flush = this::flushNow;
    private static final long HEARTBEAT_EVERY_NANOS = 1_000_000_000L;
    private volatile boolean closed;
    private volatile long lastHeartbeat = System.nanoTime() - HEARTBEAT_EVERY_NANOS;
    /**
     * Deadlines (epoch ms) the pod's sweep checks ({@link LiveSockets#sweep}): no timers per socket.
     * {@code initBy} is cleared when {@code connection_init} arrives, {@code expiresAt} set at sign-in.
     */
    private volatile long initBy, expiresAt = Long.MAX_VALUE, pingAt;
    /** The socket's event loop (created on it). */
    private final io.vertx.core.Context context;

    GraphQLSocket(ServerWebSocket socket, ChannelHandlerContext channel, LiveSockets sockets, GraphQLOperations graphql, SharedRendering rendering,
            DeliveryLanes lanes, ParleyConfig.Live settings) {
        this.socket = socket;
        this.sockets = sockets;
        this.settings = settings;
        this.context = sockets.vertx().getOrCreateContext();
        this.channel = channel;
        this.lane = lanes.of(context);
        this.operations = new SocketOperations(this, sockets, graphql, rendering, lane, settings);
    }

    void start() {
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(binary -> close(BAD_REQUEST, "Binary messages are not part of graphql-transport-ws"));
        socket.closeHandler(ignored -> onClosed());
        socket.exceptionHandler(failure -> LOG.debugf("Socket failed: %s", failure.getMessage()));
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
            case "complete" -> operations.complete(message.getString("id", ""));
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
        heartbeat();
        if (!operations.subscribe(operationId.getString(), request, current)) {
            close(SUBSCRIBER_EXISTS, "Subscriber for " + operationId.getString() + " already exists");
        }
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

    /**
     * Queues a message. A client that stops reading has {@code sendBuffer} of room (what the socket
     * has not written yet); past that it is disconnected (1013: reconnect and resume), and nobody
     * else waits for it.
     */
    @Override
    public void send(JsonObject message) {
        String text = message.toString();
        if (roomFor(text.length())) {
            socket.writeTextMessage(text);
        }
    }

    @Override
    public void write(byte[] utf8) {
        if (!roomFor(utf8.length)) {
            return;
        }
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), channel.voidPromise());
        if (!flushDue) {
            flushDue = true;
            lane.flushAfterBatch(flush);
        }
    }

    private void flushNow() {
        flushDue = false;
        channel.flush();
    }

    private boolean roomFor(int bytes) {
        if (closed || !channel.channel().isActive()) {
            return false;
        }
        ChannelOutboundBuffer unsent = channel.channel().unsafe().outboundBuffer();
        if (unsent != null && unsent.totalPendingWriteBytes() + bytes > settings.sendBuffer().asLongValue()) {
            close(TRY_AGAIN_LATER, "Send buffer overflow: reconnect and resume");
            return false;
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void tooFarBehind() {
        close(TRY_AGAIN_LATER, "Too many events waiting: reconnect and resume");
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
        operations.cancelAll();
        sockets.closed(this);
    }

}
