package dev.parley.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import dev.parley.testing.Accounts;
import dev.parley.testing.SocketClient;
import io.vertx.core.json.JsonObject;

/**
 * The realtime bench's parts about many sockets at once, against one pod: a burst of connections (how
 * many are acknowledged) and a reconnect storm (every socket drops and resumes with its cursor while
 * messages keep coming: how long until all are live, and how many got every message exactly once).
 */
final class SocketStorms {

    static final String RESUMABLE_EVENTS = "subscription($after: String) { events(after: $after) { cursor type message { id text } } }";
    /** Client threads that open sockets (each blocks for its WebSocket handshake only). */
    private static final int OPENERS = 256;

    private final HttpClient[] clients;
    private final int port;
    private final List<Accounts.Account> people;
    /** Sends one message into the channel every socket follows (through another pod). */
    private final Consumer<String> send;

    SocketStorms(HttpClient[] clients, int port, List<Accounts.Account> people, Consumer<String> send) {
        this.clients = clients;
        this.port = port;
        this.people = people;
        this.send = send;
    }

    /**
     * {@code count} sockets opened evenly within {@code window}, each sending connection_init at once;
     * report rows. Each socket notes its first message as it arrives (not when this loop reads it), so
     * the times are the server's, not this client's.
     */
    List<String> burst(int count, Duration window) throws Exception {
        SocketClient[] sockets = new SocketClient[count];
        long[] initAt = new long[count];
        // written on the clients' threads as the first message of each socket arrives
        AtomicLongArray answeredAt = new AtomicLongArray(count);
        AtomicReferenceArray<String> answers = new AtomicReferenceArray<>(count);
        AtomicInteger notOpened = new AtomicInteger();
        AtomicLong lastOpened = new AtomicLong();
        long start = System.nanoTime();
        runSpread(count, window, start, index -> {
            try {
                SocketClient socket = SocketClient.connect(clients[index % clients.length], port, "graphql-transport-ws");
                socket.onEachMessage((at, text) -> {
                    if (answers.get(index) == null) {
                        answeredAt.set(index, at);
                        answers.set(index, text);
                    }
                });
                sockets[index] = socket;
                initAt[index] = System.nanoTime();
                socket.send(Map.of("type", "connection_init", "payload",
                        Map.of("Authorization", "Bearer " + people.get(index % people.size()).accessToken())));
                lastOpened.accumulateAndGet(System.nanoTime(), Math::max);
            } catch (RuntimeException failed) {
                notOpened.incrementAndGet();
            }
        });
        int acked = 0, initTimeouts = 0, otherwise = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lastAck = start;
        List<Long> initToAck = new ArrayList<>();
        Map<Integer, Integer> closeCodes = new HashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                SocketClient socket = sockets[i];
                if (socket == null) {
                    continue;
                }
                while (answers.get(i) == null && !socket.isClosed() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (answers.get(i) != null && answers.get(i).contains("\"connection_ack\"")) {
                    acked++;
                    lastAck = Math.max(lastAck, answeredAt.get(i));
                    initToAck.add(answeredAt.get(i) - initAt[i]);
                } else if (answers.get(i) == null && socket.isClosed()) {
                    int code = socket.awaitClose().code();
                    closeCodes.merge(code, 1, Integer::sum);
                    initTimeouts += code == 4408 ? 1 : 0;
                } else {
                    otherwise++;
                }
            }
        } finally {
            for (SocketClient socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        int opened = count - notOpened.get();
        long[] waits = initToAck.stream().mapToLong(Long::longValue).sorted().toArray();
        double[] ms = waits.length == 0 ? new double[3]
                : new double[] {BenchFigures.percentile(waits, 50) / 1e6, BenchFigures.percentile(waits, 99) / 1e6, waits[waits.length - 1] / 1e6};
        return List.of(
                String.format(Locale.ROOT, "   %d sockets opened in %.2f s (target %.1f s; %d could not be opened by this client), each sending connection_init at once",
                        opened, (lastOpened.get() - start) / 1e9, window.toMillis() / 1e3, notOpened.get()),
                String.format(Locale.ROOT, "   acknowledged: %d of %d (goal: all), the last %.2f s after the first connect; closed with 4408: %d; "
                        + "other closes %s; no answer in 60 s or another message: %d", acked, count, (lastAck - start) / 1e9, initTimeouts,
                        closeCodes, otherwise),
                String.format(Locale.ROOT, "   connection_init to connection_ack (as each arrived): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        ms[0], ms[1], ms[2]));
    }

    /**
     * {@code count} subscribed sockets; a message every {@code every}; after a while all drop at once
     * and resume within {@code within} (evenly spread), each from the last cursor it received.
     */
    List<String> storm(int count, Duration within, Duration every) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Resumer> resumers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            resumers.add(new Resumer(i, sentAt));
        }
        long opening = System.nanoTime();
        runSpread(count, Duration.ZERO, opening, index -> resumers.get(index).connect(null));
        awaitAll(resumers, r -> r.cursor != null, "received a first event", () -> send.accept("storm ready " + System.nanoTime()));
        double openSeconds = (System.nanoTime() - opening) / 1e9;

        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            for (int k = 0; sending.get(); k++) {
                String text = "storm " + k + " " + System.nanoTime();
                sentAt.put(text, System.nanoTime());
                send.accept(text);
                sent.add(text);
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "storm-sender");
        sender.start();
        try {
            Thread.sleep(2000);
            long dropAt = System.nanoTime();
            resumers.parallelStream().forEach(Resumer::drop);
            runSpread(count, within, System.nanoTime(), index -> resumers.get(index).connect(resumers.get(index).cursor));
            long resumedBy = System.nanoTime(); // every socket reconnected and sent connection_init (the subscribe follows each ack)
            awaitAll(resumers, r -> r.liveAt > 0, "live again", () -> { });
            long allLive = resumers.stream().mapToLong(r -> r.liveAt).max().orElse(dropAt);
            Thread.sleep(3000);
            sending.set(false);
            sender.join();
            List<String> all = List.copyOf(sent);
            String last = all.get(all.size() - 1);
            awaitAll(resumers, r -> r.seen.containsKey(last), "received the last message", () -> { });
            int exact = 0, missing = 0, duplicated = 0;
            for (Resumer r : resumers) {
                boolean miss = all.stream().anyMatch(text -> !r.seen.containsKey(text));
                boolean dup = all.stream().anyMatch(text -> r.seen.getOrDefault(text, 0) > 1);
                exact += miss || dup ? 0 : 1;
                missing += miss ? 1 : 0;
                duplicated += dup ? 1 : 0;
            }
            return List.of(
                    String.format(Locale.ROOT, "   %d sockets (%d people) subscribed to `events` and live in %.1f s; a message every %d ms throughout (%d in all)",
                            count, people.size(), openSeconds, every.toMillis(), all.size()),
                    String.format(Locale.ROOT, "   all dropped at once (client abort), reconnected within %.1f s (evenly spread; target %.1f s), each subscribing with its last cursor on its ack",
                            (resumedBy - dropAt) / 1e9, within.toMillis() / 1e3),
                    String.format(Locale.ROOT, "   time from the drop until every socket was live again (had a message sent after it resubscribed): %.2f s (goal: within 10 s)",
                            (allLive - dropAt) / 1e9),
                    String.format(Locale.ROOT, "   every message exactly once: %d of %d sockets (goal: all); missing some: %d; duplicates: %d",
                            exact, count, missing, duplicated));
        } finally {
            sending.set(false);
            sender.interrupt();
            resumers.forEach(Resumer::drop);
        }
    }

    /** Runs {@code open(i)} for every index, the i-th not before {@code start + i * window / count}. */
    private static void runSpread(int count, Duration window, long start, java.util.function.IntConsumer open) throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(OPENERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                long notBefore = start + window.toNanos() * i / count;
                futures.add(openers.submit(() -> {
                    long wait = notBefore - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    open.accept(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            openers.shutdownNow();
        }
    }

    private static void awaitAll(List<Resumer> resumers, java.util.function.Predicate<Resumer> done, String what, Runnable nudge)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long nudgeAt = System.nanoTime();
        while (!resumers.stream().allMatch(done)) {
            resumers.forEach(Resumer::checkOpen);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(resumers.stream().filter(done.negate()).count() + " of " + resumers.size()
                        + " sockets not " + what + " within 3 minutes");
            }
            if (System.nanoTime() >= nudgeAt) {
                nudge.run();
                nudgeAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            }
            Thread.sleep(50);
        }
    }

    /** One client across its drop: its cursor, what it has received (text -> times), when it was live again. */
    private final class Resumer {
        final int index;
        final Map<String, Integer> seen = new ConcurrentHashMap<>();
        volatile String cursor;
        volatile SocketClient socket;
        volatile long resubscribedAt, liveAt;
        final Map<String, Long> sentAt;
        volatile String problem;

        Resumer(int index, Map<String, Long> sentAt) {
            this.index = index;
            this.sentAt = sentAt;
        }

        /** Opens a socket and sends connection_init; the subscribe follows its ack (on the client's thread), so nothing here waits for the server. */
        void connect(String after) {
            SocketClient fresh = SocketClient.connect(clients[index % clients.length], port, "graphql-transport-ws");
            Map<String, Object> variables = after == null ? Map.of() : Map.of("after", after);
            fresh.onEachMessage((at, text) -> {
                if (text.contains("\"connection_ack\"")) {
                    resubscribedAt = after == null ? 0 : System.nanoTime();
                    fresh.subscribe("e", RESUMABLE_EVENTS, variables);
                } else {
                    received(at, text);
                }
            });
            socket = fresh;
            fresh.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + people.get(index % people.size()).accessToken())));
        }

        void drop() {
            SocketClient current = socket;
            if (current != null) {
                socket = null;
                current.close();
            }
        }

        void checkOpen() {
            if (problem != null) {
                throw new IllegalStateException("socket " + index + ": " + problem);
            }
            SocketClient current = socket;
            if (current != null && current.isClosed()) {
                throw new IllegalStateException("socket " + index + " was closed by the server: " + current.awaitClose());
            }
        }

        private void received(long at, String text) {
            try {
                JsonObject message = new JsonObject(text);
                if (!"next".equals(message.getString("type"))) {
                    if (!"ping".equals(message.getString("type")) && !"pong".equals(message.getString("type"))) {
                        problem = "received " + text;
                    }
                    return;
                }
                JsonObject event = message.getJsonObject("payload").getJsonObject("data").getJsonObject("events");
                cursor = event.getString("cursor");
                JsonObject sentMessage = event.getJsonObject("message");
                if (sentMessage == null || !sentMessage.getString("text").startsWith("storm ") || sentMessage.getString("text").startsWith("storm ready")) {
                    return;
                }
                String body = sentMessage.getString("text");
                seen.merge(body, 1, Integer::sum);
                Long when = sentAt.get(body);
                if (liveAt == 0 && resubscribedAt > 0 && when != null && when > resubscribedAt) {
                    liveAt = at;
                }
            } catch (RuntimeException unexpected) {
                problem = unexpected + " on " + text;
            }
        }
    }
}
