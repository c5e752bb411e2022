package dev.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivery latency under a steady stream: messages sent at a fixed rate into the channel every socket
 * of the fleet follows (not one at a time), each timed three ways: the send's own round trip, send to
 * received, and what delivery adds after the send was answered (received minus answered; 0 when a
 * socket had the message before the sender had its answer).
 */
final class PacedLatency {

    /** Sends in flight at once at most: a send that takes longer than the period does not hold up the next. */
    private static final int SENDERS = 8;

    private PacedLatency() {
    }

    static List<String> measure(Fleet fleet, Consumer<String> send, int perSecond, int messages) throws Exception {
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        List<Probe> probes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<ScheduledFuture<?>> sends = new ArrayList<>();
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(SENDERS);
        try {
            for (int i = 0; i < messages; i++) {
                String text = "paced " + i + " " + UUID.randomUUID();
                Probe probe = fleet.expect(text);
                probes.add(probe);
                texts.add(text);
                sends.add(senders.schedule(() -> {
                    probe.sentAt = System.nanoTime();
                    send.accept(text);
                    probe.answeredAt = System.nanoTime();
                }, i * period, TimeUnit.NANOSECONDS));
            }
            for (ScheduledFuture<?> sent : sends) {
                sent.get(2, TimeUnit.MINUTES);
            }
            for (int i = 0; i < messages; i++) {
                fleet.await(probes.get(i), texts.get(i));
            }
        } finally {
            senders.shutdownNow();
        }
        int sockets = fleet.size();
        long[] roundTrips = new long[messages];
        long[] received = new long[messages * sockets];
        long[] added = new long[messages * sockets];
        for (int i = 0; i < messages; i++) {
            Probe probe = probes.get(i);
            roundTrips[i] = probe.answeredAt - probe.sentAt;
            for (int s = 0; s < sockets; s++) {
                long arrival = probe.arrivals.get(s);
                received[i * sockets + s] = arrival - probe.sentAt;
                added[i * sockets + s] = Math.max(0, arrival - probe.answeredAt);
            }
        }
        double seconds = (probes.get(messages - 1).sentAt - probes.get(0).sentAt) / 1e9;
        Arrays.sort(roundTrips);
        Arrays.sort(received);
        Arrays.sort(added);
        return List.of(
                String.format(Locale.ROOT, "   %d subscribers; %d messages at %d/s (sent at %.1f/s, up to %d in flight), %d deliveries timed",
                        sockets, messages, perSecond, (messages - 1) / seconds, SENDERS, received.length),
                "  percentile  sendMessage round trip   send->received   delivery adds after the answer (goal p50 <= 10 ms, p99 <= 50 ms)",
                row(50, roundTrips, received, added),
                row(99, roundTrips, received, added));
    }

    private static String row(double p, long[] roundTrips, long[] received, long[] added) {
        return String.format(Locale.ROOT, "  p%-3.0f       %14.2f ms      %10.2f ms      %10.2f ms", p,
                BenchFigures.percentile(roundTrips, p) / 1e6, BenchFigures.percentile(received, p) / 1e6,
                BenchFigures.percentile(added, p) / 1e6);
    }
}
