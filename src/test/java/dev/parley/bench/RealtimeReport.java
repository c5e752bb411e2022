package dev.parley.bench;

import static dev.parley.bench.BenchFigures.percentile;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.vertx.redis.client.Redis;

/** What {@link RealtimeBenchmark} measured, by part, printed and written to target/bench/realtime.txt. */
final class RealtimeReport {
    String setup = "";
    String throughputSetup;
    private final List<String> baseline = new ArrayList<>();
    private final List<String> latency = new ArrayList<>();
    private final List<String> bare = new ArrayList<>();
    private final List<String> throughput = new ArrayList<>();
    final List<String> memory = new ArrayList<>();
    final List<String> degraded = new ArrayList<>();
    final List<String> cpu = new ArrayList<>();
    String held = "";
    final List<String> burst = new ArrayList<>();
    final List<String> storm = new ArrayList<>();
    final List<String> paced = new ArrayList<>();

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
                    redis.length, RealtimeBenchmark.REDIS_WARMUP, RealtimeBenchmark.ROUNDS));
            baseline.add(String.format(Locale.ROOT, "   p50 %8.3f ms    p99 %8.3f ms", ms(redisSorted, 50), ms(redisSorted, 99)));
        }

        latency.add(String.format(Locale.ROOT, "   %d subscribers (%d people x %d sockets, all in #general); 1 sender (the workspace owner, not subscribed)",
                subscribers, people, subscribers / people));
        latency.add(String.format(Locale.ROOT, "   %d messages one at a time (each awaited by every subscriber), %d samples, after %d warm-up messages",
                http.length, delivery.length, RealtimeBenchmark.API_WARMUP));
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
                subscribers, people, subscribers / people, messages, RealtimeBenchmark.THROUGHPUT_SENDERS));
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

    void memory(int sockets, int people, long pid, String setup, PodHeap before, PodHeap with, PodHeap after, BenchFigures.CallCount calls,
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
            out.append("\n3. Delivered events/s at ").append(RealtimeBenchmark.THROUGHPUT_SUBSCRIBERS).append(" subscribers, next to raw Redis fan-out to as many connections\n");
            out.append("   ").append(throughputSetup).append('\n');
            throughput.forEach(row -> out.append(row).append('\n'));
        }
        if (!paced.isEmpty()) {
            out.append("\n3b. Delivery latency under a steady stream into the same ").append(RealtimeBenchmark.THROUGHPUT_SUBSCRIBERS)
                    .append(" subscribers (part \"paced\")\n");
            paced.forEach(row -> out.append(row).append('\n'));
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
            out.append("\n6. ").append(RealtimeBenchmark.BURST_SOCKETS).append(" sockets opened within 2 s (the packaged app)\n");
            burst.forEach(row -> out.append(row).append('\n'));
        }
        if (!storm.isEmpty()) {
            out.append("\n7. Reconnect storm: ").append(RealtimeBenchmark.STORM_SOCKETS).append(" subscribed sockets drop at once and resume with their cursors within 5 s (the packaged app)\n");
            storm.forEach(row -> out.append(row).append('\n'));
        }
        out.append("\nWithout Redis (parley_failed_open_total, parley_notices_unpublished_total; 0 while Redis is up)\n");
        degraded.forEach(row -> out.append(row).append('\n'));
        BenchFigures.publish("realtime.txt", out.toString());
    }
}
