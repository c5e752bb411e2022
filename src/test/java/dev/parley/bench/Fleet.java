package dev.parley.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.testing.Accounts;
import dev.parley.testing.SocketClient;

import io.vertx.core.json.JsonObject;

/** One measured message: when it was sent, answered, and when each socket received it. */
final class Probe {
    final AtomicLongArray arrivals;
    final CountDownLatch everyone;
    volatile long sentAt;
    volatile long answeredAt;

    Probe(int sockets) {
        arrivals = new AtomicLongArray(sockets);
        for (int i = 0; i < sockets; i++) {
            arrivals.set(i, Long.MIN_VALUE);
        }
        everyone = new CountDownLatch(sockets);
    }
}

/** Many sockets, each signed in as one of the people (round robin) and subscribed to {@code events}. */
final class Fleet implements AutoCloseable {
    final List<SocketClient> sockets;
    final AtomicIntegerArray live;
    final Map<String, Probe> probes = new ConcurrentHashMap<>();
    final AtomicLong duplicates = new AtomicLong();
    /** Sockets signed in so far (while opening: how far it got). */
    static final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicReference<String> problem = new AtomicReference<>();

    private Fleet(int size) {
        sockets = new ArrayList<>(java.util.Collections.nCopies(size, null));
        live = new AtomicIntegerArray(size);
    }

    static Fleet open(HttpClient[] wsClients, int port, List<Accounts.Account> people, int size, String query) throws Exception {
        Fleet fleet = new Fleet(size);
        ExecutorService openers = Executors.newFixedThreadPool(RealtimeBenchmark.OPENERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int index = i;
                futures.add(openers.submit(() -> {
                    SocketClient socket = SocketClient.connect(wsClients[index % wsClients.length], port, "graphql-transport-ws");
                    synchronized (fleet.sockets) {
                        fleet.sockets.set(index, socket);
                    }
                    // A pod signing in thousands at once acknowledges late (never 4408): wait as long as it takes.
                    socket.send(Map.of("type", "connection_init", "payload",
                            Map.of("Authorization", "Bearer " + people.get(index % people.size()).accessToken())));
                    String type = socket.next(RealtimeBenchmark.SIGN_IN_WAIT).getString("type");
                    if (!"connection_ack".equals(type)) {
                        throw new IllegalStateException("expected connection_ack, got " + type);
                    }
                    Fleet.acknowledged.incrementAndGet();
                    socket.onEachMessage((at, text) -> fleet.received(index, at, text));
                    socket.subscribe("e", query);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception failed) {
            fleet.close();
            throw failed;
        } finally {
            openers.shutdownNow();
        }
        return fleet;
    }

    int size() {
        return sockets.size();
    }

    int liveCount() {
        int count = 0;
        for (int i = 0; i < live.length(); i++) {
            count += live.get(i);
        }
        return count;
    }

    Probe expect(String text) {
        Probe probe = new Probe(size());
        probes.put(text, probe);
        return probe;
    }

    void await(Probe probe, String text) throws InterruptedException {
        boolean all = probe.everyone.await(RealtimeBenchmark.DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        probes.remove(text);
        checkHealthy();
        if (!all) {
            throw new IllegalStateException(probe.everyone.getCount() + " of " + size() + " subscribers did not receive \""
                    + text + "\" within " + RealtimeBenchmark.DELIVERY_WAIT);
        }
    }

    /** On the WebSocket client's threads: never throws (that would stall the socket). */
    private void received(int socket, long at, String text) {
        try {
            JsonObject message = new JsonObject(text);
            String type = message.getString("type");
            if ("ping".equals(type) || "pong".equals(type)) {
                return;
            }
            JsonObject payload = message.getJsonObject("payload");
            if (!"next".equals(type) || payload.getValue("errors") != null) {
                problem.compareAndSet(null, "socket " + socket + " received " + text);
                return;
            }
            JsonObject event = payload.getJsonObject("data").getJsonObject("events");
            JsonObject sent = event.getJsonObject("message");
            if (sent == null) {
                return; // not a message event
            }
            if (sent.containsKey("author") && (sent.getJsonObject("author") == null || sent.getJsonObject("author").getString("name") == null)) {
                problem.compareAndSet(null, "socket " + socket + " received a message without its author: " + text);
            }
            live.set(socket, 1);
            Probe probe = probes.get(sent.getString("text"));
            if (probe != null) {
                if (probe.arrivals.compareAndSet(socket, Long.MIN_VALUE, at)) {
                    probe.everyone.countDown();
                } else {
                    duplicates.incrementAndGet();
                }
            }
        } catch (RuntimeException unexpected) {
            problem.compareAndSet(null, "socket " + socket + ": " + unexpected + " on " + text);
        }
    }

    void checkHealthy() {
        if (problem.get() != null) {
            throw new IllegalStateException(problem.get());
        }
        for (SocketClient socket : sockets) {
            if (socket != null && socket.isClosed()) {
                throw new IllegalStateException("a socket was closed by the server: " + socket.awaitClose());
            }
        }
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.stream().filter(java.util.Objects::nonNull).forEach(SocketClient::close);
        }
    }
}
