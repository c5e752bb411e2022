package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventType;
import dev.parley.testing.Accounts;
import dev.parley.testing.JsonPath;

/**
 * Part 4 of the messaging benchmark: one busy channel. Senders post as fast as they can, each its
 * share of the messages, while readers mark the channel read up to the newest message sent so far,
 * again and again until the senders are done; with several pods, person k (senders and readers
 * alike) talks to pod k mod n. Counts what was answered CONFLICT (and any other error), checks
 * afterwards that the channel's log sequence has no gap and holds one MESSAGE_CREATED per message
 * sent, and counts this JVM's (the first pod's) DynamoDB calls on its request threads meanwhile.
 */
final class HotChannel {

    private static final String MARK = "mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id } }";

    private final List<BenchClient> pods;
    private final ChannelEventLog log;
    private final ChannelEventReads reads;

    HotChannel(List<BenchClient> pods, ChannelEventLog log, ChannelEventReads reads) {
        this.reads = reads;
        this.pods = pods;
        this.log = log;
    }

    record Result(int pods, int senders, int readers, int sent, int sendConflicts, int sendErrors, int marks, int markConflicts,
            int markErrors, double seconds, long seqFrom, long seqTo, boolean gapless, int messageEvents, Map<String, Long> calls,
            Map<String, Integer> errorMessages) {

        /** This pod's sends per TransactWriteItems (its share of the sends when there are several pods). */
        double sendsPerTransaction() {
            long transactions = calls.getOrDefault("TransactWriteItems", 0L);
            return transactions == 0 ? 0.0 : sent / (double) pods / transactions;
        }

        List<String> format() {
            return List.of(
                    String.format(Locale.ROOT, "  %d pod%s, %d senders, %d readers: %d messages in %.1f s = %.1f sends/s; %d mark-reads = %.1f/s",
                            pods, pods == 1 ? "" : "s", senders, readers, sent, seconds, sent / seconds, marks, marks / seconds),
                    String.format(Locale.ROOT, "  CONFLICT: %d sends, %d mark-reads; other errors: %d sends, %d mark-reads%s",
                            sendConflicts, markConflicts, sendErrors, markErrors, errorMessages.isEmpty() ? "" : " " + errorMessages),
                    String.format(Locale.ROOT, "  log seq %d..%d: %s; %d MESSAGE_CREATED events for %d messages sent", seqFrom + 1, seqTo,
                            gapless ? "gapless" : "HAS GAPS", messageEvents, sent),
                    String.format(Locale.ROOT, "  first pod's DynamoDB calls (request threads): %s; %.1f sends per transaction%s", calls,
                            sendsPerTransaction(), pods == 1 ? "" : " (taking 1/" + pods + " of the sends as its share)"));
        }
    }

    Result run(String channelId, List<Accounts.Account> senders, List<Accounts.Account> readers, int sendsEach) throws Exception {
        long seqFrom = log.heads(List.of(channelId)).get(channelId).seq();
        AtomicReference<String> newest = new AtomicReference<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger(), sendConflicts = new AtomicInteger(), sendErrors = new AtomicInteger();
        AtomicInteger marks = new AtomicInteger(), markConflicts = new AtomicInteger(), markErrors = new AtomicInteger();
        Map<String, Integer> errorMessages = new ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(senders.size() + readers.size());
        List<Future<?>> sendersDone = new ArrayList<>();
        List<Future<?>> readersDone = new ArrayList<>();
        Map<String, Long> callsBefore = BenchFigures.requestCalls();
        long start = System.nanoTime();
        try {
            for (int k = 0; k < senders.size(); k++) {
                Accounts.Account sender = senders.get(k);
                BenchClient client = pods.get(k % pods.size());
                sendersDone.add(pool.submit(() -> {
                    for (int i = 0; i < sendsEach; i++) {
                        JsonPath answer = JsonPath.from(client.tryPost(sender.accessToken(), BenchClient.sendBody(channelId)));
                        String id = answer.getString("data.sendMessage.id");
                        if (id != null) {
                            sent.incrementAndGet();
                            newest.accumulateAndGet(id, (a, b) -> a == null || b.compareTo(a) > 0 ? b : a);
                        } else {
                            ("CONFLICT".equals(answer.getString("errors[0].extensions.code")) ? sendConflicts : sendErrors).incrementAndGet();
                            errorMessages.merge(answer.getString("errors[0].message"), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (int k = 0; k < readers.size(); k++) {
                Accounts.Account reader = readers.get(k);
                BenchClient client = pods.get(k % pods.size());
                readersDone.add(pool.submit(() -> {
                    String marked = null;
                    while (sending.get()) {
                        String id = newest.get();
                        if (id == null || id.equals(marked)) {
                            Thread.sleep(1);
                            continue;
                        }
                        JsonPath answer = JsonPath.from(client.tryPost(reader.accessToken(),
                                BenchClient.body(MARK, "{\"c\":\"" + channelId + "\",\"m\":\"" + id + "\"}")));
                        marks.incrementAndGet();
                        if (answer.get("errors") != null) {
                            ("CONFLICT".equals(answer.getString("errors[0].extensions.code")) ? markConflicts : markErrors).incrementAndGet();
                            errorMessages.merge(answer.getString("errors[0].message"), 1, Integer::sum);
                        }
                        marked = id;
                    }
                    return null;
                }));
            }
            for (Future<?> done : sendersDone) {
                done.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sending.set(false);
            for (Future<?> done : readersDone) {
                done.get(1, TimeUnit.MINUTES);
            }
            Map<String, Long> calls = new TreeMap<>();
            BenchFigures.requestCalls().forEach((operation, count) -> {
                long made = count - callsBefore.getOrDefault(operation, 0L);
                if (made > 0) {
                    calls.put(operation, made);
                }
            });
            long seqTo = log.heads(List.of(channelId)).get(channelId).seq();
            List<ChannelEvent> events = eventsBetween(channelId, seqFrom, seqTo);
            boolean gapless = events.size() == seqTo - seqFrom;
            for (int i = 0; i < events.size() && gapless; i++) {
                gapless = events.get(i).seq() == seqFrom + 1 + i;
            }
            int created = (int) events.stream().filter(e -> e.type() == EventType.MESSAGE_CREATED).count();
            return new Result(pods.size(), senders.size(), readers.size(), sent.get(), sendConflicts.get(), sendErrors.get(), marks.get(),
                    markConflicts.get(), markErrors.get(), seconds, seqFrom, seqTo, gapless, created, calls, errorMessages);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ChannelEvent> eventsBetween(String channelId, long after, long upTo) {
        List<ChannelEvent> all = new ArrayList<>();
        for (long at = after; at < upTo;) {
            List<ChannelEvent> page = reads.read(channelId, at, 100);
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            at = page.get(page.size() - 1).seq();
        }
        all.removeIf(e -> e.seq() > upTo);
        return all;
    }
}
