package dev.parley.bench;

import static dev.parley.bench.BenchFigures.dynamoCalls;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.Metrics;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.SocketClient;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

/**
 * Real-time benchmark: delivery of messages sent through the GraphQL API over HTTP to {@code events}
 * subscribers over WebSocket, next to raw Redis pub/sub on the same Redis measured in the same run,
 * and the server heap an idle subscribed socket costs. Prints ratios, never asserts on time: run it
 * with {@code bench/run-realtime} (tagged "bench", so the normal test suite leaves it out). It fails
 * only when something does not work (an HTTP or GraphQL error, a subscriber that misses an event).
 * See bench/README.md.
 *
 * <p>Sizes, as system properties (defaults in brackets): {@code bench.redis.messages} [1000] and
 * {@code bench.redis.warmup} [200] (round trips); {@code bench.latency.subscribers} [100],
 * {@code bench.latency.people} [20], {@code bench.latency.messages} [50]; {@code bench.throughput.subscribers}
 * [1000], {@code bench.throughput.people} [50], {@code bench.throughput.messages} [8],
 * {@code bench.throughput.senders} [4]; {@code bench.memory.sockets} [2000], {@code bench.memory.people} [50],
 * {@code bench.memory.classes} [10] (rows of the heap growth by class); {@code bench.parts}
 * ["latency,throughput,memory"; "bare" adds section 2 without the author]. Subscribers are spread
 * round robin over the people, so each person has subscribers/people sockets.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Tag("bench")
class RealtimeBenchmark {

    static final String EVENTS = "subscription { events { cursor type message { id text author { id name } } } }";
    /** The same without the message's author (the optional part "bare"): what resolving the author costs. */
    static final String BARE_EVENTS = "subscription { events { cursor type message { id text } } }";
    static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }";
    static final String TEXT = "Benchmark message: the quick brown fox jumps over the lazy dog";
    /** Alternating blocks (baseline, API, baseline, API) so that drift on a shared machine hits both sides alike. */
    static final int ROUNDS = 2;
    /** Messages sent (and awaited by every subscriber) before the measured ones, to warm the delivery path. */
    static final int API_WARMUP = 5;
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    static final Duration SIGN_IN_WAIT = Duration.ofMinutes(2);
    /** Sockets opened at once while setting up a fleet. */
    static final int OPENERS = 16;
    /** WebSocket clients share a few HttpClients (each has its own selector thread). */
    static final int WS_CLIENTS = 4;

    static final int REDIS_MESSAGES = Integer.getInteger("bench.redis.messages", 1000);
    static final int REDIS_WARMUP = Integer.getInteger("bench.redis.warmup", 200);
    static final int LATENCY_SUBSCRIBERS = Integer.getInteger("bench.latency.subscribers", 100);
    static final int LATENCY_PEOPLE = Integer.getInteger("bench.latency.people", 20);
    static final int LATENCY_MESSAGES = Integer.getInteger("bench.latency.messages", 50);
    static final int THROUGHPUT_SUBSCRIBERS = Integer.getInteger("bench.throughput.subscribers", 1000);
    static final int THROUGHPUT_PEOPLE = Integer.getInteger("bench.throughput.people", 50);
    static final int THROUGHPUT_MESSAGES = Integer.getInteger("bench.throughput.messages", 8);
    static final int THROUGHPUT_SENDERS = Integer.getInteger("bench.throughput.senders", 4);
    static final int MEMORY_SOCKETS = Integer.getInteger("bench.memory.sockets", 10_000);
    static final int MEMORY_PEOPLE = Integer.getInteger("bench.memory.people", 50);
    static final int TOP_CLASSES = Integer.getInteger("bench.memory.classes", 10);
    static final int CLOSE_SETTLE_MILLIS = Integer.getInteger("bench.memory.settle-millis", 30_000);
    static final int CPU_MESSAGES = Integer.getInteger("bench.cpu.messages", 20);
    /** Blocks of the CPU part, measured and before that to warm up: a pod's JIT compiles the delivery path for its first ~100,000 deliveries. */
    static final int CPU_ROUNDS = Integer.getInteger("bench.cpu.rounds", 4), CPU_WARMUP_BLOCKS = Integer.getInteger("bench.cpu.warmup-blocks", 24);
    static final int PACED_PER_SECOND = Integer.getInteger("bench.paced.per-second", 20);
    static final int PACED_MESSAGES = Integer.getInteger("bench.paced.messages", 100);
    static final int BURST_SOCKETS = Integer.getInteger("bench.burst.sockets", 2000);
    static final int STORM_SOCKETS = Integer.getInteger("bench.storm.sockets", 1000);
    static final String MEMORY_HEAP = System.getProperty("bench.memory.heap", "512m");
    static final Set<String> PARTS = Set.of(System.getProperty("bench.parts", "latency,throughput,paced,cpu,burst,storm,memory")
            .replace(" ", "").split(","));

    @Inject
    Vertx vertx;

    @Inject
    dev.parley.live.delivery.SharedRendering rendering;

    @TestHTTPResource("/graphql")
    URL graphqlUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient[] wsClients = new HttpClient[WS_CLIENTS];
    private URI graphql;
    private BenchClient client;
    private Accounts.Account owner;
    private String general;

    @Test
    void realtime() throws Exception {
        graphql = graphqlUrl.toURI();
        client = new BenchClient(graphql);
        for (int i = 0; i < WS_CLIENTS; i++) {
            wsClients[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        RealtimeReport report = new RealtimeReport();

        // Everyone is in one workspace and its #general, where the owner (subscribed nowhere) sends.
        owner = Accounts.register();
        general = WorkspaceOps.channelId(owner, owner.workspaceId(), "general");
        int peopleNeeded = Math.max(PARTS.contains("latency") || PARTS.contains("bare") ? LATENCY_PEOPLE : 0,
                Math.max(PARTS.contains("throughput") || PARTS.contains("paced") || PARTS.contains("cpu") || PARTS.contains("burst") || PARTS.contains("storm")
                        ? THROUGHPUT_PEOPLE : 0, PARTS.contains("memory") ? MEMORY_PEOPLE : 0));
        long setupStart = System.nanoTime();
        List<Accounts.Account> people = registerPeople(peopleNeeded);
        report.setup = String.format(Locale.ROOT, "%d people registered into one workspace in %.1f s; #general has %d members"
                + " (they and the sender), so every send counts an unread for each", people.size(),
                (System.nanoTime() - setupStart) / 1e9, people.size() + 1);

        try (RawRedis redis = new RawRedis(vertx)) {
            if (PARTS.contains("latency")) {
                latency(report, redis, people.subList(0, LATENCY_PEOPLE), false);
            }
            if (PARTS.contains("bare")) {
                latency(report, redis, people.subList(0, LATENCY_PEOPLE), true);
            }
            if (PARTS.contains("throughput") || PARTS.contains("paced")) {
                throughput(report, redis, people.subList(0, THROUGHPUT_PEOPLE));
            }
        }
        report.degraded.add("   this JVM's server, after parts 1-3: " + degradations(SocketClient.testPort()));
        if (PARTS.contains("cpu") || PARTS.contains("burst") || PARTS.contains("storm")) {
            pod(report, people.subList(0, THROUGHPUT_PEOPLE));
        }
        if (PARTS.contains("memory")) {
            memory(report, people.subList(0, MEMORY_PEOPLE));
        }
        report.print();
    }

    /**
     * What the server did without Redis so far, from its {@code /q/metrics}: checks that failed open
     * and notices it could not publish (0 with Redis up, whatever the load).
     */
    private String degradations(int port) throws Exception {
        Metrics metrics = Metrics.of(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return String.format(Locale.ROOT, "failed open: sign-out %.0f, rate-limit %.0f; notices unpublished: %.0f",
                metrics.value(Metrics.SIGN_OUT_FAILED_OPEN), metrics.value(Metrics.RATE_LIMIT_FAILED_OPEN),
                metrics.value(Metrics.NOTICES_UNPUBLISHED));
    }

    // ---- 1 and 2: latency ----

    /** Section 2 (with section 1's baseline), or with {@code bare} its variant without {@code author}. */
    private void latency(RealtimeReport report, RawRedis redis, List<Accounts.Account> people, boolean bare) throws Exception {
        redis.roundTrips(REDIS_WARMUP);
        long opening = System.nanoTime();
        try (Fleet fleet = Fleet.open(wsClients, SocketClient.testPort(), people, LATENCY_SUBSCRIBERS, bare ? BARE_EVENTS : EVENTS)) {
            awaitLive(fleet);
            String setup = String.format(Locale.ROOT, "%d sockets opened, signed in, subscribed and live in %.1f s",
                    fleet.size(), (System.nanoTime() - opening) / 1e9);
            for (int i = 0; i < API_WARMUP; i++) {
                sendAndAwait(fleet, "warm-" + i);
            }
            long[] redisSamples = new long[REDIS_MESSAGES];
            long[] deliverySamples = new long[LATENCY_MESSAGES * fleet.size()];
            long[] httpSamples = new long[LATENCY_MESSAGES];
            long[] lastSamples = new long[LATENCY_MESSAGES];
            BenchFigures.CallCount calls = new BenchFigures.CallCount();
            int sent = 0;
            int roundTrips = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int redisTo = round == ROUNDS - 1 ? REDIS_MESSAGES : roundTrips + REDIS_MESSAGES / ROUNDS;
                long[] block = redis.roundTrips(redisTo - roundTrips);
                System.arraycopy(block, 0, redisSamples, roundTrips, block.length);
                roundTrips = redisTo;
                int apiTo = round == ROUNDS - 1 ? LATENCY_MESSAGES : sent + LATENCY_MESSAGES / ROUNDS;
                Map<String, Long> before = dynamoCalls();
                for (; sent < apiTo; sent++) {
                    Probe probe = sendAndAwait(fleet, "lat-" + sent);
                    httpSamples[sent] = probe.answeredAt - probe.sentAt;
                    long last = Long.MIN_VALUE;
                    for (int s = 0; s < fleet.size(); s++) {
                        long latency = probe.arrivals.get(s) - probe.sentAt;
                        deliverySamples[sent * fleet.size() + s] = latency;
                        last = Math.max(last, latency);
                    }
                    lastSamples[sent] = last;
                }
                calls.add(before, dynamoCalls());
            }
            calls.ops = LATENCY_MESSAGES;
            fleet.checkHealthy();
            report.latency(bare, setup, fleet.size(), people.size(), redisSamples, deliverySamples, httpSamples, lastSamples,
                    calls, fleet.duplicates.get());
        }
    }

    /** Sends one message and waits until every socket of the fleet has it; the probe holds the times. */
    private Probe sendAndAwait(Fleet fleet, String tag) throws InterruptedException {
        String text = TEXT + " " + tag + " " + UUID.randomUUID();
        Probe probe = fleet.expect(text);
        probe.sentAt = System.nanoTime();
        send(owner.accessToken(), text);
        probe.answeredAt = System.nanoTime();
        fleet.await(probe, text);
        return probe;
    }

    // ---- 3: throughput ----

    private void throughput(RealtimeReport report, RawRedis redis, List<Accounts.Account> people) throws Exception {
        long opening = System.nanoTime();
        try (Fleet fleet = Fleet.open(wsClients, SocketClient.testPort(), people, THROUGHPUT_SUBSCRIBERS, EVENTS)) {
            awaitLive(fleet);
            report.throughputSetup = String.format(Locale.ROOT, "%d sockets opened, signed in, subscribed and live in %.1f s",
                    fleet.size(), (System.nanoTime() - opening) / 1e9);
            sendAndAwait(fleet, "warm");
            try (RawRedis.Fanout fanout = redis.fanout(fleet.size())) {
                fanout.publish(THROUGHPUT_MESSAGES, THROUGHPUT_SENDERS); // warm-up
                // The API block is long and the raw one short: the baseline runs right before and right after it.
                long rawNanos = fanout.publish(THROUGHPUT_MESSAGES, THROUGHPUT_SENDERS);
                Map<String, Long> before = dynamoCalls();
                long executionsBefore = rendering.executions();
                long apiNanos = sendConcurrently(fleet, THROUGHPUT_MESSAGES);
                report.executionsPerEvent = (rendering.executions() - executionsBefore) / (double) THROUGHPUT_MESSAGES;
                BenchFigures.CallCount calls = new BenchFigures.CallCount();
                calls.add(before, dynamoCalls());
                rawNanos += fanout.publish(THROUGHPUT_MESSAGES, THROUGHPUT_SENDERS);
                long delivered = (long) fleet.size() * THROUGHPUT_MESSAGES;
                calls.ops = delivered;
                fleet.checkHealthy();
                report.throughput(fleet.size(), people.size(), THROUGHPUT_MESSAGES, delivered * 1e9 / apiNanos,
                        2 * delivered * 1e9 / rawNanos, apiNanos, rawNanos / 2, calls, fleet.duplicates.get());
            }
            if (PARTS.contains("paced")) {
                report.paced.addAll(PacedLatency.measure(fleet, text -> send(owner.accessToken(), text), PACED_PER_SECOND, PACED_MESSAGES));
            }
        }
    }

    /**
     * {@code THROUGHPUT_SENDERS} threads post {@code count} messages as fast as they can; returns the
     * nanoseconds from the first send until every socket had every message.
     */
    private long sendConcurrently(Fleet fleet, int count) throws Exception {
        List<Probe> probes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = TEXT + " tp-" + i + " " + UUID.randomUUID();
            texts.add(text);
            probes.add(fleet.expect(text));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(THROUGHPUT_SENDERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int s = 0; s < THROUGHPUT_SENDERS; s++) {
                futures.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        probes.get(i).sentAt = System.nanoTime();
                        send(owner.accessToken(), texts.get(i));
                        probes.get(i).answeredAt = System.nanoTime();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
            long end = Long.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                Probe probe = probes.get(i);
                fleet.await(probe, texts.get(i));
                for (int s = 0; s < fleet.size(); s++) {
                    end = Math.max(end, probe.arrivals.get(s));
                }
            }
            return end - start;
        } finally {
            senders.shutdownNow();
        }
    }

    // ---- 5-7: the packaged app as its own process: CPU per delivery, a burst of connections, a reconnect storm ----

    private void pod(RealtimeReport report, List<Accounts.Account> people) throws Exception {
        try (SecondInstance pod = SecondInstance.start()) {
            if (PARTS.contains("cpu")) {
                cpu(report, pod, people);
            }
            SocketStorms storms = new SocketStorms(wsClients, pod.port(), people, text -> send(owner.accessToken(), text));
            if (PARTS.contains("burst")) {
                report.burst.addAll(storms.burst(BURST_SOCKETS, Duration.ofSeconds(2)));
            }
            if (PARTS.contains("storm")) {
                report.storm.addAll(storms.storm(STORM_SOCKETS, Duration.ofSeconds(5), Duration.ofMillis(100)));
            }
            report.degraded.add("   the second process, after parts 5-7: " + degradations(pod.port()));
        }
    }

    /**
     * The pod's process CPU time (/proc/pid/stat) while this JVM's server sends and the pod delivers to
     * its sockets, per delivery; the baseline is the same pod's CPU over as long idle, right after each block.
     */
    private void cpu(RealtimeReport report, SecondInstance pod, List<Accounts.Account> people) throws Exception {
        try (Fleet fleet = Fleet.open(wsClients, pod.port(), people, THROUGHPUT_SUBSCRIBERS, EVENTS)) {
            awaitLive(fleet);
            for (int i = 0; i < API_WARMUP; i++) {
                sendAndAwait(fleet, "cpu-warm-" + i);
            }
            for (int block = 0; block < CPU_WARMUP_BLOCKS; block++) {
                sendConcurrently(fleet, CPU_MESSAGES);
            }
            long busyCpu = 0, busyWall = 0, idleCpu = 0, idleWall = 0;
            Map<String, Long> busyByKind = new TreeMap<>();
            for (int round = 0; round < CPU_ROUNDS; round++) {
                Map<String, Long> threads0 = ThreadCpu.byKind(pod.pid());
                long cpu0 = cpuNanos(pod.pid()), wall0 = System.nanoTime();
                sendConcurrently(fleet, CPU_MESSAGES);
                long cpu1 = cpuNanos(pod.pid()), wall1 = System.nanoTime();
                ThreadCpu.difference(ThreadCpu.byKind(pod.pid()), threads0).forEach((kind, nanos) -> busyByKind.merge(kind, nanos, Long::sum));
                busyCpu += cpu1 - cpu0;
                busyWall += wall1 - wall0;
                Thread.sleep((wall1 - wall0) / 1_000_000);
                idleCpu += cpuNanos(pod.pid()) - cpu1;
                idleWall += System.nanoTime() - wall1;
            }
            fleet.checkHealthy();
            long delivered = (long) CPU_ROUNDS * CPU_MESSAGES * fleet.size();
            double idleShare = idleCpu * (double) busyWall / idleWall;
            report.cpu.add(String.format(Locale.ROOT, "   the packaged app as its own process (pid %d): %d sockets (%d people) subscribed to `events`; "
                    + "%d blocks of %d messages from %d concurrent senders through this JVM's server (after %d such blocks and %d single messages to warm up), each followed by as long idle",
                    pod.pid(), fleet.size(), people.size(), CPU_ROUNDS, CPU_MESSAGES, THROUGHPUT_SENDERS, CPU_WARMUP_BLOCKS, API_WARMUP));
            report.cpu.add(String.format(Locale.ROOT, "   pod CPU during fan-out: %.2f s over %.2f s wall (%.0f deliveries/s); idle baseline: %.3f s CPU over %.2f s wall",
                    busyCpu / 1e9, busyWall / 1e9, delivered * 1e9 / busyWall, idleCpu / 1e9, idleWall / 1e9));
            report.cpu.add(String.format(Locale.ROOT, "   server CPU time per delivery: %.1f us (%.1f us less the idle baseline over as long; goal <= 20 us), %d deliveries",
                    busyCpu / 1e3 / delivered, (busyCpu - idleShare) / 1e3 / delivered, delivered));
            StringBuilder byKind = new StringBuilder("   of which, by the pod's threads (us per delivery, during fan-out):");
            busyByKind.forEach((kind, nanos) -> {
                if (!kind.equals(ThreadCpu.KERNEL)) {
                    byKind.append(String.format(Locale.ROOT, " %s %.1f;", kind, nanos / 1e3 / delivered));
                }
            });
            byKind.append(String.format(Locale.ROOT, " %s %.1f;", ThreadCpu.KERNEL, busyByKind.getOrDefault(ThreadCpu.KERNEL, 0L) / 1e3 / delivered));
            report.cpu.add(byKind.substring(0, byKind.length() - 1));
        }
    }

    /** utime + stime of a process, from /proc/pid/stat (clock ticks of 10 ms). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    // ---- 4: memory ----

    private void memory(RealtimeReport report, List<Accounts.Account> people) throws Exception {
        try (SecondInstance pod = SecondInstance.start(Map.of(), List.of("-Xmx" + MEMORY_HEAP))) {
            long pid = pod.pid();
            // Warm-up: the code paths of signing in, subscribing and delivering, before measuring the heap.
            try (Fleet warm = Fleet.open(wsClients, pod.port(), people, Math.min(100, MEMORY_SOCKETS), EVENTS)) {
                awaitLive(warm);
                for (int i = 0; i < API_WARMUP; i++) {
                    sendAndAwait(warm, "warm-" + i);
                }
            }
            Thread.sleep(1000);
            PodHeap before = PodHeap.of(pid);
            Map<String, long[]> histogramBefore = PodHeap.histogram(pid);
            Map<String, Long> callsBefore = metricsCalls(pod.port());
            long opening = System.nanoTime();
            PodHeap with;
            PodHeap after;
            Map<String, Long> callsAfter;
            String setup;
            List<String> growth;
            Fleet opened = null;
            int ackedBefore = Fleet.acknowledged.get();
            try {
                opened = Fleet.open(wsClients, pod.port(), people, MEMORY_SOCKETS, EVENTS);
            } catch (Exception | Error notHeld) {
                report.memory.add(String.format(Locale.ROOT, "   NOT HELD: opening %d sockets against the pod with -Xmx%s failed after %d were acknowledged: %s (pod alive: %s)",
                        MEMORY_SOCKETS, MEMORY_HEAP, Fleet.acknowledged.get() - ackedBefore, notHeld, Files.exists(Path.of("/proc/" + pod.pid()))));
                return;
            }
            try (Fleet fleet = opened) {
                callsAfter = settledCalls(pod.port()); // subscriptions start asynchronously, after subscribe
                awaitLive(fleet);
                setup = String.format(Locale.ROOT, "%d sockets opened, signed in, subscribed and live in %.1f s",
                        fleet.size(), (System.nanoTime() - opening) / 1e9);
                settledCalls(pod.port()); // deliveries of the messages that made every socket live are done
                fleet.checkHealthy();
                Thread.sleep(1000); // idle
                with = PodHeap.of(pid);
                growth = PodHeap.growth(histogramBefore, PodHeap.histogram(pid), TOP_CLASSES, fleet.size());
                fleet.checkHealthy();
                report.held = String.format(Locale.ROOT, "   held with -Xmx%s: yes, all %d sockets signed in, subscribed, live (each received a message) and none closed",
                        MEMORY_HEAP, fleet.size());
            } catch (RuntimeException notHeld) {
                report.memory.add(String.format(Locale.ROOT, "   NOT HELD with -Xmx%s: %s", MEMORY_HEAP, notHeld.getMessage()));
                return;
            }
            Thread.sleep(CLOSE_SETTLE_MILLIS); // the server lets go of 2,000 closed sockets' executions (about a third still held 2 s after)
            after = PodHeap.of(pid);
            List<String> leftBehind = PodHeap.growth(histogramBefore, PodHeap.histogram(pid), TOP_CLASSES, MEMORY_SOCKETS);
            BenchFigures.CallCount calls = new BenchFigures.CallCount();
            calls.add(callsBefore, callsAfter);
            calls.ops = MEMORY_SOCKETS;
            report.memory(MEMORY_SOCKETS, people.size(), pid, setup, before, with, after, calls, growth, leftBehind);
            report.degraded.add("   the second process, after part 4: " + degradations(pod.port()));
        }
    }


    /** The server's DynamoDB calls once they stop changing (for half a second, at most 30 s). */
    private Map<String, Long> settledCalls(int port) throws Exception {
        Map<String, Long> last = metricsCalls(port);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(500);
            Map<String, Long> now = metricsCalls(port);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The server's DynamoDB calls so far, per operation, from its Prometheus metrics. */
    private Map<String, Long> metricsCalls(int port) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Long> calls = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^parley_dynamodb_calls_total\\{[^}]*operation=\"(\\w+)\"[^}]*\\} ([0-9.eE+]+)$")
                .matcher(metrics.body());
        while (line.find()) {
            calls.put(line.group(1), (long) Double.parseDouble(line.group(2)));
        }
        return calls;
    }

    // ---- sockets ----

    /**
     * Sends messages into #general until every socket of the fleet has received one: a subscription is
     * set up asynchronously after {@code subscribe}, and graphql-transport-ws does not say when it is.
     */
    private void awaitLive(Fleet fleet) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(3).toNanos();
        long lastProgress = start;
        int lastCount = -1;
        send(owner.accessToken(), TEXT + " ready " + UUID.randomUUID());
        while (fleet.liveCount() < fleet.size()) {
            fleet.checkHealthy();
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException((fleet.size() - fleet.liveCount()) + " of " + fleet.size()
                        + " subscribers received nothing within 3 minutes");
            }
            int count = fleet.liveCount();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            } else if (now - lastProgress > Duration.ofSeconds(3).toNanos()) {
                // Deliveries stopped and some sockets got nothing: they subscribed after that message.
                send(owner.accessToken(), TEXT + " ready " + UUID.randomUUID());
                lastProgress = now;
            }
            Thread.sleep(50);
        }
        fleet.checkHealthy();
    }



    private List<Accounts.Account> registerPeople(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Accounts.Account>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> WorkspaceOps.newMember(owner, owner.workspaceId())));
            }
            List<Accounts.Account> people = new ArrayList<>();
            for (Future<Accounts.Account> future : futures) {
                people.add(future.get(5, TimeUnit.MINUTES));
            }
            return people;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- raw Redis ----




    // ---- HTTP ----

    /** sendMessage into #general over HTTP, as a client would; throws on an HTTP or GraphQL error. */
    private void send(String token, String text) {
        client.post(token, BenchClient.body(SEND, new JsonObject().put("i", new JsonObject().put("channelId", general).put("text", text)
                .put("clientMessageId", UUID.randomUUID().toString())).encode()));
    }

    // ---- DynamoDB calls ----

    // ---- report ----

}
