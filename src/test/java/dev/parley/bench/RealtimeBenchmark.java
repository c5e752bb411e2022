package dev.parley.bench;

import static dev.parley.bench.BenchFigures.dynamoCalls;
import static dev.parley.bench.BenchFigures.percentile;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
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
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

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
    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }";
    private static final String TEXT = "Benchmark message: the quick brown fox jumps over the lazy dog";
    /** Alternating blocks (baseline, API, baseline, API) so that drift on a shared machine hits both sides alike. */
    private static final int ROUNDS = 2;
    /** Messages sent (and awaited by every subscriber) before the measured ones, to warm the delivery path. */
    private static final int API_WARMUP = 5;
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static final Duration SIGN_IN_WAIT = Duration.ofMinutes(2);
    /** Sockets opened at once while setting up a fleet. */
    private static final int OPENERS = 16;
    /** WebSocket clients share a few HttpClients (each has its own selector thread). */
    private static final int WS_CLIENTS = 4;

    private static final int REDIS_MESSAGES = Integer.getInteger("bench.redis.messages", 1000);
    private static final int REDIS_WARMUP = Integer.getInteger("bench.redis.warmup", 200);
    private static final int LATENCY_SUBSCRIBERS = Integer.getInteger("bench.latency.subscribers", 100);
    private static final int LATENCY_PEOPLE = Integer.getInteger("bench.latency.people", 20);
    private static final int LATENCY_MESSAGES = Integer.getInteger("bench.latency.messages", 50);
    private static final int THROUGHPUT_SUBSCRIBERS = Integer.getInteger("bench.throughput.subscribers", 1000);
    private static final int THROUGHPUT_PEOPLE = Integer.getInteger("bench.throughput.people", 50);
    private static final int THROUGHPUT_MESSAGES = Integer.getInteger("bench.throughput.messages", 8);
    private static final int THROUGHPUT_SENDERS = Integer.getInteger("bench.throughput.senders", 4);
    private static final int MEMORY_SOCKETS = Integer.getInteger("bench.memory.sockets", 10_000);
    private static final int MEMORY_PEOPLE = Integer.getInteger("bench.memory.people", 50);
    private static final int TOP_CLASSES = Integer.getInteger("bench.memory.classes", 10);
    private static final int CLOSE_SETTLE_MILLIS = Integer.getInteger("bench.memory.settle-millis", 30_000);
    private static final int CPU_MESSAGES = Integer.getInteger("bench.cpu.messages", 10);
    private static final int BURST_SOCKETS = Integer.getInteger("bench.burst.sockets", 2000);
    private static final int STORM_SOCKETS = Integer.getInteger("bench.storm.sockets", 1000);
    private static final String MEMORY_HEAP = System.getProperty("bench.memory.heap", "512m");
    private static final Set<String> PARTS = Set.of(System.getProperty("bench.parts", "latency,throughput,cpu,burst,storm,memory")
            .replace(" ", "").split(","));

    @Inject
    Vertx vertx;

    @Inject
    dev.parley.live.SharedRendering rendering;

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
        Report report = new Report();

        // Everyone is in one workspace and its #general, where the owner (subscribed nowhere) sends.
        owner = Accounts.register();
        general = WorkspaceOps.channelId(owner, owner.workspaceId(), "general");
        int peopleNeeded = Math.max(PARTS.contains("latency") || PARTS.contains("bare") ? LATENCY_PEOPLE : 0,
                Math.max(PARTS.contains("throughput") || PARTS.contains("cpu") || PARTS.contains("burst") || PARTS.contains("storm")
                        ? THROUGHPUT_PEOPLE : 0, PARTS.contains("memory") ? MEMORY_PEOPLE : 0));
        long setupStart = System.nanoTime();
        List<Accounts.Account> people = registerPeople(peopleNeeded);
        report.setup = String.format(Locale.ROOT, "%d people registered into one workspace in %.1f s; #general has %d members"
                + " (they and the sender), so every send counts an unread for each", people.size(),
                (System.nanoTime() - setupStart) / 1e9, people.size() + 1);

        try (RawRedis redis = new RawRedis()) {
            if (PARTS.contains("latency")) {
                latency(report, redis, people.subList(0, LATENCY_PEOPLE), false);
            }
            if (PARTS.contains("bare")) {
                latency(report, redis, people.subList(0, LATENCY_PEOPLE), true);
            }
            if (PARTS.contains("throughput")) {
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
    private void latency(Report report, RawRedis redis, List<Accounts.Account> people, boolean bare) throws Exception {
        redis.roundTrips(REDIS_WARMUP);
        long opening = System.nanoTime();
        try (Fleet fleet = Fleet.open(this, SocketClient.testPort(), people, LATENCY_SUBSCRIBERS, bare ? BARE_EVENTS : EVENTS)) {
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

    private void throughput(Report report, RawRedis redis, List<Accounts.Account> people) throws Exception {
        long opening = System.nanoTime();
        try (Fleet fleet = Fleet.open(this, SocketClient.testPort(), people, THROUGHPUT_SUBSCRIBERS, EVENTS)) {
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

    private void pod(Report report, List<Accounts.Account> people) throws Exception {
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
    private void cpu(Report report, SecondInstance pod, List<Accounts.Account> people) throws Exception {
        try (Fleet fleet = Fleet.open(this, pod.port(), people, THROUGHPUT_SUBSCRIBERS, EVENTS)) {
            awaitLive(fleet);
            for (int i = 0; i < API_WARMUP; i++) {
                sendAndAwait(fleet, "cpu-warm-" + i);
            }
            sendConcurrently(fleet, CPU_MESSAGES);
            long busyCpu = 0, busyWall = 0, idleCpu = 0, idleWall = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long cpu0 = cpuNanos(pod.pid()), wall0 = System.nanoTime();
                sendConcurrently(fleet, CPU_MESSAGES);
                long cpu1 = cpuNanos(pod.pid()), wall1 = System.nanoTime();
                busyCpu += cpu1 - cpu0;
                busyWall += wall1 - wall0;
                Thread.sleep((wall1 - wall0) / 1_000_000);
                idleCpu += cpuNanos(pod.pid()) - cpu1;
                idleWall += System.nanoTime() - wall1;
            }
            fleet.checkHealthy();
            long delivered = (long) ROUNDS * CPU_MESSAGES * fleet.size();
            double idleShare = idleCpu * (double) busyWall / idleWall;
            report.cpu.add(String.format(Locale.ROOT, "   the packaged app as its own process (pid %d): %d sockets (%d people) subscribed to `events`; "
                    + "%d blocks of %d messages from %d concurrent senders through this JVM's server, each followed by as long idle",
                    pod.pid(), fleet.size(), people.size(), ROUNDS, CPU_MESSAGES, THROUGHPUT_SENDERS));
            report.cpu.add(String.format(Locale.ROOT, "   pod CPU during fan-out: %.2f s over %.2f s wall (%.0f deliveries/s); idle baseline: %.3f s CPU over %.2f s wall",
                    busyCpu / 1e9, busyWall / 1e9, delivered * 1e9 / busyWall, idleCpu / 1e9, idleWall / 1e9));
            report.cpu.add(String.format(Locale.ROOT, "   server CPU time per delivery: %.1f us (%.1f us less the idle baseline over as long; goal <= 20 us), %d deliveries",
                    busyCpu / 1e3 / delivered, (busyCpu - idleShare) / 1e3 / delivered, delivered));
        }
    }

    /** utime + stime of a process, from /proc/pid/stat (clock ticks of 10 ms). */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    // ---- 4: memory ----

    private void memory(Report report, List<Accounts.Account> people) throws Exception {
        try (SecondInstance pod = SecondInstance.start(Map.of(), List.of("-Xmx" + MEMORY_HEAP))) {
            long pid = pod.pid();
            // Warm-up: the code paths of signing in, subscribing and delivering, before measuring the heap.
            try (Fleet warm = Fleet.open(this, pod.port(), people, Math.min(100, MEMORY_SOCKETS), EVENTS)) {
                awaitLive(warm);
                for (int i = 0; i < API_WARMUP; i++) {
                    sendAndAwait(warm, "warm-" + i);
                }
            }
            Thread.sleep(1000);
            Heap before = Heap.of(pid);
            Map<String, long[]> histogramBefore = Heap.histogram(pid);
            Map<String, Long> callsBefore = metricsCalls(pod.port());
            long opening = System.nanoTime();
            Heap with;
            Heap after;
            Map<String, Long> callsAfter;
            String setup;
            List<String> growth;
            Fleet opened = null;
            int ackedBefore = Fleet.acknowledged.get();
            try {
                opened = Fleet.open(this, pod.port(), people, MEMORY_SOCKETS, EVENTS);
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
                with = Heap.of(pid);
                growth = Heap.growth(histogramBefore, Heap.histogram(pid), TOP_CLASSES, fleet.size());
                fleet.checkHealthy();
                report.held = String.format(Locale.ROOT, "   held with -Xmx%s: yes, all %d sockets signed in, subscribed, live (each received a message) and none closed",
                        MEMORY_HEAP, fleet.size());
            } catch (RuntimeException notHeld) {
                report.memory.add(String.format(Locale.ROOT, "   NOT HELD with -Xmx%s: %s", MEMORY_HEAP, notHeld.getMessage()));
                return;
            }
            Thread.sleep(CLOSE_SETTLE_MILLIS); // the server lets go of 2,000 closed sockets' executions (about a third still held 2 s after)
            after = Heap.of(pid);
            List<String> leftBehind = Heap.growth(histogramBefore, Heap.histogram(pid), TOP_CLASSES, MEMORY_SOCKETS);
            BenchFigures.CallCount calls = new BenchFigures.CallCount();
            calls.add(callsBefore, callsAfter);
            calls.ops = MEMORY_SOCKETS;
            report.memory(MEMORY_SOCKETS, people.size(), pid, setup, before, with, after, calls, growth, leftBehind);
            report.degraded.add("   the second process, after part 4: " + degradations(pod.port()));
        }
    }

    /** Heap used after a full GC of another JVM ({@code jcmd}), and its resident set size. */
    private record Heap(long usedBytes, long rssBytes, String how) {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Heap of(long pid) throws IOException, InterruptedException {
            long best = Long.MAX_VALUE;
            String line = null;
            for (int i = 0; i < 3; i++) {
                jcmd(pid, "GC.run");
                String info = jcmd(pid, "GC.heap_info");
                String first = info.lines().filter(l -> l.contains("heap") && USED.matcher(l).find()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info));
                Matcher used = USED.matcher(first);
                used.find();
                best = Math.min(best, Long.parseLong(used.group(1)) * 1024);
                line = first.trim().replaceAll("\\s+", " ").replaceAll(" \\[.*", "");
                Thread.sleep(300);
            }
            return new Heap(best, rss(pid), line);
        }

        private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

        /** Live objects per class ({@code jcmd GC.class_histogram}, which runs a full GC): class -> {instances, bytes}. */
        static Map<String, long[]> histogram(long pid) throws IOException, InterruptedException {
            Map<String, long[]> classes = new java.util.HashMap<>();
            jcmd(pid, "GC.class_histogram").lines().forEach(line -> {
                Matcher row = HISTOGRAM_ROW.matcher(line);
                if (row.find()) {
                    classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
                }
            });
            return classes;
        }

        /** The classes whose live bytes grew most between two histograms, as report rows. */
        static List<String> growth(Map<String, long[]> before, Map<String, long[]> after, int top, int sockets) {
            return after.entrySet().stream()
                    .map(e -> {
                        long[] was = before.getOrDefault(e.getKey(), new long[2]);
                        return Map.entry(e.getKey(), new long[] { e.getValue()[0] - was[0], e.getValue()[1] - was[1] });
                    })
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .limit(top)
                    .map(e -> String.format(Locale.ROOT, "%8.1f MB %8.1f KB %8.1f   %s", e.getValue()[1] / 1048576.0,
                            e.getValue()[1] / 1024.0 / sockets, e.getValue()[0] / (double) sockets, e.getKey()))
                    .toList();
        }

        private static long rss(long pid) {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
            } catch (IOException | RuntimeException notLinux) {
                return -1;
            }
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
            }
            return out;
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

    /** One measured message: when it was sent, answered, and when each socket received it. */
    private static final class Probe {
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
    private static final class Fleet implements AutoCloseable {
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

        static Fleet open(RealtimeBenchmark bench, int port, List<Accounts.Account> people, int size, String query) throws Exception {
            Fleet fleet = new Fleet(size);
            ExecutorService openers = Executors.newFixedThreadPool(OPENERS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    int index = i;
                    futures.add(openers.submit(() -> {
                        SocketClient socket = SocketClient.connect(bench.wsClients[index % WS_CLIENTS], port, "graphql-transport-ws");
                        synchronized (fleet.sockets) {
                            fleet.sockets.set(index, socket);
                        }
                        // A pod signing in thousands at once acknowledges late (never 4408): wait as long as it takes.
                        socket.send(Map.of("type", "connection_init", "payload",
                                Map.of("Authorization", "Bearer " + people.get(index % people.size()).accessToken())));
                        String type = socket.next(SIGN_IN_WAIT).getString("type");
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
            boolean all = probe.everyone.await(DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            probes.remove(text);
            checkHealthy();
            if (!all) {
                throw new IllegalStateException(probe.everyone.getCount() + " of " + size() + " subscribers did not receive \""
                        + text + "\" within " + DELIVERY_WAIT);
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

    /** The baseline: Redis pub/sub through the Vert.x Redis client, on the Redis the app uses, no Parley code involved. */
    private final class RawRedis implements AutoCloseable {
        private final Redis client;

        RawRedis() {
            String hosts = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class).split(",")[0];
            int pool = THROUGHPUT_SUBSCRIBERS + THROUGHPUT_SENDERS + 16;
            client = Redis.createClient(vertx, new RedisOptions().setConnectionString(hosts)
                    .setMaxPoolSize(pool).setMaxPoolWaiting(pool * 2).setMaxWaitingHandlers(1_000_000));
        }

        /**
         * {@code count} sequential round trips: PUBLISH on one connection, timed until the message
         * reaches the SUBSCRIBE handler of another; returns the latencies in nanoseconds.
         */
        long[] roundTrips(int count) throws Exception {
            String topic = "bench:rt:" + UUID.randomUUID();
            AtomicReference<String> expected = new AtomicReference<>();
            AtomicReference<CompletableFuture<Long>> arrival = new AtomicReference<>();
            RedisConnection subscriber = await(client.connect());
            RedisConnection publisher = await(client.connect());
            try {
                subscriber.handler(push -> {
                    long at = System.nanoTime();
                    String payload = messagePayload(push);
                    if (payload != null && payload.equals(expected.get())) {
                        arrival.get().complete(at);
                    }
                });
                await(subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(topic)));
                long[] samples = new long[count];
                for (int i = 0; i < count; i++) {
                    String payload = "rt-" + i;
                    CompletableFuture<Long> arrived = new CompletableFuture<>();
                    arrival.set(arrived);
                    expected.set(payload);
                    long start = System.nanoTime();
                    publisher.send(Request.cmd(Command.PUBLISH).arg(topic).arg(payload));
                    samples[i] = arrived.get(10, TimeUnit.SECONDS) - start;
                }
                return samples;
            } finally {
                subscriber.close();
                publisher.close();
            }
        }

        /** {@code subscribers} connections subscribed to one topic. */
        Fanout fanout(int subscribers) throws Exception {
            return new Fanout(subscribers);
        }

        final class Fanout implements AutoCloseable {
            private final String topic = "bench:fanout:" + UUID.randomUUID();
            private final List<RedisConnection> connections = new ArrayList<>();
            private final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE);
            private volatile CountDownLatch remaining = new CountDownLatch(0);
            private volatile String prefix = "";

            Fanout(int subscribers) throws Exception {
                List<io.vertx.core.Future<RedisConnection>> opening = new ArrayList<>();
                for (int i = 0; i < subscribers; i++) {
                    opening.add(client.connect().compose(connection -> {
                        synchronized (connections) {
                            connections.add(connection);
                        }
                        connection.handler(push -> {
                            long at = System.nanoTime();
                            String payload = messagePayload(push);
                            if (payload != null && payload.startsWith(prefix)) {
                                lastArrival.accumulateAndGet(at, Math::max);
                                remaining.countDown();
                            }
                        });
                        return connection.send(Request.cmd(Command.SUBSCRIBE).arg(topic)).map(connection);
                    }));
                }
                try {
                    for (var future : opening) {
                        await(future);
                    }
                } catch (Exception failed) {
                    close();
                    throw failed;
                }
            }

            /**
             * {@code publishers} threads publish {@code count} messages as fast as they can (each waits
             * for Redis's reply before the next); returns the nanoseconds from the first PUBLISH until
             * every subscriber connection had every message.
             */
            long publish(int count, int publishers) throws Exception {
                String round = "m-" + UUID.randomUUID() + "-";
                lastArrival.set(Long.MIN_VALUE);
                remaining = new CountDownLatch(count * connections.size());
                prefix = round;
                List<RedisConnection> senders = new ArrayList<>();
                for (int p = 0; p < publishers; p++) {
                    senders.add(await(client.connect()));
                }
                ExecutorService pool = Executors.newFixedThreadPool(publishers);
                try {
                    AtomicInteger next = new AtomicInteger();
                    List<Future<?>> futures = new ArrayList<>();
                    long start = System.nanoTime();
                    for (RedisConnection sender : senders) {
                        futures.add(pool.submit(() -> {
                            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                                await(sender.send(Request.cmd(Command.PUBLISH).arg(topic).arg(round + i + " " + TEXT)));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> future : futures) {
                        future.get(5, TimeUnit.MINUTES);
                    }
                    if (!remaining.await(DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("raw Redis: " + remaining.getCount() + " deliveries missing");
                    }
                    return lastArrival.get() - start;
                } finally {
                    pool.shutdownNow();
                    senders.forEach(RedisConnection::close);
                }
            }

            @Override
            public void close() {
                synchronized (connections) {
                    connections.forEach(RedisConnection::close);
                }
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The payload of a RESP2 pub/sub push {@code ["message", topic, payload]}, or null for anything else. */
    private static String messagePayload(Response push) {
        if (push != null && push.size() == 3 && "message".equals(push.get(0).toString())) {
            return push.get(2).toString();
        }
        return null;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    // ---- HTTP ----

    /** sendMessage into #general over HTTP, as a client would; throws on an HTTP or GraphQL error. */
    private void send(String token, String text) {
        client.post(token, BenchClient.body(SEND, new JsonObject().put("i", new JsonObject().put("channelId", general).put("text", text)
                .put("clientMessageId", UUID.randomUUID().toString())).encode()));
    }

    // ---- DynamoDB calls ----

    // ---- report ----

    private static final class Report {
        String setup = "";
        String throughputSetup;
        private final List<String> baseline = new ArrayList<>();
        private final List<String> latency = new ArrayList<>();
        private final List<String> bare = new ArrayList<>();
        private final List<String> throughput = new ArrayList<>();
        private final List<String> memory = new ArrayList<>();
        private final List<String> degraded = new ArrayList<>();
        private final List<String> cpu = new ArrayList<>();
        String held = "";
        private final List<String> burst = new ArrayList<>();
        private final List<String> storm = new ArrayList<>();

        void latency(boolean bare, String setup, int subscribers, int people, long[] redis, long[] delivery, long[] http,
                long[] last, BenchFigures.CallCount calls, long duplicates) {
            long[] redisSorted = sorted(redis);
            long[] deliverySorted = sorted(delivery);
            long[] httpSorted = sorted(http);
            long[] lastSorted = sorted(last);
            List<String> latency = bare ? this.bare : this.latency;
            latency.add("   " + setup);
            if (bare) {
                latency.add(String.format(Locale.ROOT, "   Redis round trip measured again alongside: %d messages, p50 %.3f ms, p99 %.3f ms",
                        redis.length, ms(redisSorted, 50), ms(redisSorted, 99)));
            } else {
                baseline.add(String.format(Locale.ROOT, "   %d sequential messages after %d warm-up, in %d blocks alternating with section 2's",
                        redis.length, REDIS_WARMUP, ROUNDS));
                baseline.add(String.format(Locale.ROOT, "   p50 %8.3f ms    p99 %8.3f ms", ms(redisSorted, 50), ms(redisSorted, 99)));
            }

            latency.add(String.format(Locale.ROOT, "   %d subscribers (%d people x %d sockets, all in #general); 1 sender (the workspace owner, not subscribed)",
                    subscribers, people, subscribers / people));
            latency.add(String.format(Locale.ROOT, "   %d messages one at a time (each awaited by every subscriber), %d samples, after %d warm-up messages",
                    http.length, delivery.length, API_WARMUP));
            latency.add("  percentile  send->received   Redis round trip   ratio delivery/Redis   sendMessage HTTP alone   slowest subscriber");
            for (double p : new double[] { 50, 99 }) {
                latency.add(String.format(Locale.ROOT, "  p%-3.0f       %10.2f ms   %12.3f ms   %14.0f       %14.2f ms        %10.2f ms",
                        p, ms(deliverySorted, p), ms(redisSorted, p), ms(deliverySorted, p) / ms(redisSorted, p),
                        ms(httpSorted, p), ms(lastSorted, p)));
            }
            latency.add("   (slowest subscriber: per message, the latency of the last of the " + subscribers
                    + " to receive it; percentiles over messages)");
            latency.add("   DynamoDB calls per sent message (server side: the send and its delivery to every subscriber): "
                    + calls.perOperation());
            latency.add("   duplicate deliveries: " + duplicates);
        }

        double executionsPerEvent;

        void throughput(int subscribers, int people, int messages, double api, double raw, long apiNanos, long rawNanos,
                BenchFigures.CallCount calls, long duplicates) {
            throughput.add(String.format(Locale.ROOT, "   %d subscribers (%d people x %d sockets, all in #general); %d messages from %d concurrent senders",
                    subscribers, people, subscribers / people, messages, THROUGHPUT_SENDERS));
            throughput.add("   raw Redis measured right before and right after the API (mean of both); "
                    + "delivered events/s = subscribers x messages / (first send -> last delivery)");
            throughput.add("                                              delivered events/s   elapsed");
            throughput.add(String.format(Locale.ROOT, "  API: sendMessage -> events over WebSocket    %12.0f /s   %7.2f s", api, apiNanos / 1e9));
            throughput.add(String.format(Locale.ROOT, "  raw Redis: PUBLISH -> %4d SUBSCRIBE conns   %12.0f /s   %7.2f s", subscribers, raw, rawNanos / 1e9));
            throughput.add(String.format(Locale.ROOT, "  ratio API/raw Redis                          %12.4f", api / raw));
            throughput.add("   DynamoDB calls per delivered event (server side, sends included): " + calls.perOperation());
            throughput.add(String.format(Locale.ROOT, "   GraphQL executions per event: %.2f (every socket has the same selection, shared across people)",
                    executionsPerEvent));
            throughput.add("   duplicate deliveries: " + duplicates);
        }

        void memory(int sockets, int people, long pid, String setup, Heap before, Heap with, Heap after, BenchFigures.CallCount calls,
                List<String> growth, List<String> leftBehind) {
            memory.add(String.format(Locale.ROOT, "   the packaged app as its own process (pid %d), %d sockets (%d people x %d sockets) signed in, subscribed, live, then idle",
                    pid, sockets, people, sockets / people));
            memory.add("   " + setup);
            memory.add(held);
            memory.add("   heap used after GC (jcmd GC.run, then GC.heap_info; lowest of 3):");
            memory.add(String.format(Locale.ROOT, "     before (after a warm-up of 100 sockets, closed)   %8.1f MB", before.usedBytes() / 1048576.0));
            memory.add(String.format(Locale.ROOT, "     with %d idle subscribed sockets              %8.1f MB", sockets, with.usedBytes() / 1048576.0));
            memory.add(String.format(Locale.ROOT, "     after closing them                            %8.1f MB", after.usedBytes() / 1048576.0));
            memory.add(String.format(Locale.ROOT, "   server heap per idle subscribed connection: %.1f KB   (with - before) / %d",
                    (with.usedBytes() - before.usedBytes()) / 1024.0 / sockets, sockets));
            if (before.rssBytes() > 0 && with.rssBytes() > 0) {
                memory.add(String.format(Locale.ROOT, "   server process RSS %.0f MB -> %.0f MB: %.1f KB per connection (resident memory: heap growth, direct buffers, "
                        + "native; depends on GC sizing, not a heap figure)",
                        before.rssBytes() / 1048576.0, with.rssBytes() / 1048576.0, (with.rssBytes() - before.rssBytes()) / 1024.0 / sockets));
            }
            memory.add("   DynamoDB calls per socket opened (server side, sign-in + subscribe): " + calls.perOperation());
            memory.add("   GC: " + with.how());
            memory.add("   largest growth by class with the sockets open (jcmd GC.class_histogram, before -> with):");
            memory.add(String.format(Locale.ROOT, "     %11s %11s %8s   %s", "total", "per socket", "obj/sock", "class"));
            growth.forEach(row -> memory.add("     " + row));
            memory.add("   largest growth by class after closing them (before -> after; what closed sockets leave behind):");
            memory.add(String.format(Locale.ROOT, "     %11s %11s %8s   %s", "total", "per socket", "obj/sock", "class"));
            leftBehind.forEach(row -> memory.add("     " + row));
        }

        private static long[] sorted(long[] values) {
            long[] copy = values.clone();
            Arrays.sort(copy);
            return copy;
        }

        /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
        private static double ms(long[] sorted, double p) {
            return percentile(sorted, p) / 1e6;
        }

        void print() throws IOException {
            StringBuilder out = new StringBuilder();
            out.append("Parley real-time benchmark  ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append("  (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                    .append(System.getProperty("java.version")).append(")\n");
            out.append("Absolute numbers are for this machine and this run only; compare the ratios.\n");
            out.append("Setup: ").append(setup).append('\n');
            if (!baseline.isEmpty()) {
                out.append("\n1. Baseline: raw Redis PUBLISH -> SUBSCRIBE round trip (the app's Redis, Vert.x Redis client, publisher and subscriber on separate connections)\n");
                baseline.forEach(row -> out.append(row).append('\n'));
                out.append("\n2. Delivery latency: sendMessage over GraphQL/HTTP -> `events { cursor type message { id text author { id name } } }` over WebSocket\n");
                latency.forEach(row -> out.append(row).append('\n'));
            }
            if (!bare.isEmpty()) {
                out.append("\n2b. The same without the author: `events { cursor type message { id text } }` (optional part \"bare\")\n");
                bare.forEach(row -> out.append(row).append('\n'));
            }
            if (!throughput.isEmpty()) {
                out.append("\n3. Delivered events/s at ").append(THROUGHPUT_SUBSCRIBERS).append(" subscribers, next to raw Redis fan-out to as many connections\n");
                out.append("   ").append(throughputSetup).append('\n');
                throughput.forEach(row -> out.append(row).append('\n'));
            }
            if (!memory.isEmpty()) {
                out.append("\n4. Server heap per idle subscribed connection\n");
                memory.forEach(row -> out.append(row).append('\n'));
            }
            if (!cpu.isEmpty()) {
                out.append("\n5. Server CPU time per delivery (the packaged app, its own process)\n");
                cpu.forEach(row -> out.append(row).append('\n'));
            }
            if (!burst.isEmpty()) {
                out.append("\n6. ").append(BURST_SOCKETS).append(" sockets opened within 2 s (the packaged app)\n");
                burst.forEach(row -> out.append(row).append('\n'));
            }
            if (!storm.isEmpty()) {
                out.append("\n7. Reconnect storm: ").append(STORM_SOCKETS).append(" subscribed sockets drop at once and resume with their cursors within 5 s (the packaged app)\n");
                storm.forEach(row -> out.append(row).append('\n'));
            }
            out.append("\nWithout Redis (parley_failed_open_total, parley_notices_unpublished_total; 0 while Redis is up)\n");
            degraded.forEach(row -> out.append(row).append('\n'));
            String text = out.toString();
            System.out.println("\n" + text);
            Path file = Path.of("target", "bench", "realtime.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
