package dev.parley.live.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import dev.parley.platform.lifecycle.Drain;
import dev.parley.platform.security.AccessTokens;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.RevokedTokens;
import dev.parley.presence.PresenceService;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The GraphQL sockets open on this pod: who they act for, and what happens around them (sign-in at
 * {@code connection_init}, closing on logout from any pod, presence).
 */
@ApplicationScoped
public class LiveSockets {

    private static final Logger LOG = Logger.getLogger(LiveSockets.class);
    /** How often the sweep runs: the precision of init timeouts, expiries and pings. */
    private static final long SWEEP_EVERY_MS = 250;

    private final Vertx vertx;
    private final AccessTokens tokens;
    private final RevokedTokens revoked;
    private final PresenceService presence;
    private final Set<GraphQLSocket> open = ConcurrentHashMap.newKeySet();
    /** Every socket not closed yet, signed in or not: what the sweep visits. */
    private final Set<GraphQLSocket> watched = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean draining;
    /** Tests: how long each sign-in waits before verifying its token (a busy server). */
    private volatile long signInDelayMillis;

    public LiveSockets(Vertx vertx, AccessTokens tokens, RevokedTokens revoked, PresenceService presence) {
        this.presence = presence;
        this.vertx = vertx;
        this.tokens = tokens;
        this.revoked = revoked;
    }

    /** A session signed out on any pod closes its sockets here. */
    void closeOnSignOut(@Observes StartupEvent started) {
        revoked.onSessionRevoked(sessionId -> open.stream()
                .filter(socket -> socket.caller() != null && sessionId.equals(socket.caller().sessionId()))
                .forEach(socket -> socket.close(GraphQLSocket.FORBIDDEN, "Forbidden: signed out")));
    }

    /** The caller named by {@code {"Authorization": "Bearer <token>"}} (key in any case), or UNAUTHENTICATED. */
    Caller authenticate(JsonObject payload) {
        pauseForTests();
        String header = payload.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals("authorization"))
                .map(java.util.Map.Entry::getValue)
                .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                .map(value -> ((JsonString) value).getString())
                .findFirst().orElse(null);
        return tokens.verifyAuthorization(header);
    }

    /** Tests: every sign-in from now on takes at least {@code delay} (zero: as fast as it goes). */
    public void delaySignIns(java.time.Duration delay) {
        signInDelayMillis = delay.toMillis();
    }

    private void pauseForTests() {
        long delay = signInDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void opened(GraphQLSocket socket) {
        open.add(socket);
        presence.connected(socket.caller().userId());
        if (draining) {
            restart(socket); // signed in while the drain went through the others
        }
    }

    /** SIGTERM: every client reconnects, to another pod, and resumes from its last cursor. */
    void drain(@Observes Drain.Draining drain) {
        draining = true;
        open.forEach(LiveSockets::restart);
    }

    private static void restart(GraphQLSocket socket) {
        socket.close(GraphQLSocket.SERVICE_RESTART, "Service restart: reconnect and resume");
    }

    /** How many signed-in sockets are open on this pod (tests: nothing is left behind). */
    public int openCount() {
        return open.size();
    }

    /** From now until {@link #closed}, the pod's sweep checks the socket's deadlines (started with the first socket). */
    void watch(GraphQLSocket socket) {
        watched.add(socket);
        if (sweeping.compareAndSet(false, true)) {
            vertx.setPeriodic(SWEEP_EVERY_MS, id -> sweep());
        }
    }

    /** One pass over every socket of the pod: init timeouts, token expiry and pings, instead of three timers per socket. */
    private void sweep() {
        long now = System.currentTimeMillis();
        for (GraphQLSocket socket : watched) {
            try {
                socket.sweep(now);
            } catch (RuntimeException unexpected) {
                LOG.warn("Sweeping a socket failed", unexpected);
            }
        }
    }

    /** How many sockets the sweep visits (tests: closed sockets are let go). */
    public int watchedCount() {
        return watched.size();
    }

    void closed(GraphQLSocket socket) {
        watched.remove(socket);
        if (open.remove(socket)) {
            presence.disconnected(socket.caller().userId());
        }
    }

    /** A sign of life on a socket (ping, pong, subscribe): keeps its person online. Non-blocking. */
    void heartbeat(String userId) {
        presence.heartbeat(userId);
    }

    Vertx vertx() {
        return vertx;
    }

    /** Runs blocking work (DynamoDB, Redis, GraphQL execution) off the event loop. */
    void worker(Runnable work) {
        vertx.executeBlocking(() -> {
            try {
                work.run();
            } catch (RuntimeException unexpected) {
                LOG.warn("Socket work failed", unexpected);
            }
            return null;
        }, false);
    }
}
