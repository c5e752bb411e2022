package dev.parley.live.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventNotice;
import dev.parley.event.LogPosition;
import dev.parley.typing.TypingEvent;

/**
 * One channel's feed on this pod, shared by every local subscriber of the channel (see
 * {@link ChannelFeeds}): what arrived in notices, the typing waiting to be handed on, and one reader
 * at a time that hands events on in order, reading the log when a subscriber is behind.
 */
final class ChannelFeed {

    private static final Logger LOG = Logger.getLogger(ChannelFeed.class);
    private static final int PAGE = 100;
    /**
     * How long a head check that saw a channel ahead of its subscribers waits for the notice before
     * reading the log: the head is written before its notice is published, so a check often sees a
     * commit whose notice is on its way.
     */
    private static final long NOTICE_GRACE_MS = 300;
    private static final int IDLE = 0, RUNNING = 1, AGAIN = 2;

    /** What the feeds of a pod share: the log, the reader threads, the timer, and the test hooks. */
    record Shared(ChannelEventReads log, ExecutorService readers, ScheduledExecutorService later, AtomicInteger dropNotices,
            LongAdder logReads) {
    }

    private final Shared shared;

    final String channelId;
    final Set<ChannelFeeds.Listener> listeners = ConcurrentHashMap.newKeySet();
    /** Typing not handed on yet; and whether the log may have news (a notice, a new listener) or only typing came. */
    final Queue<TypingEvent> typingWaiting = new ConcurrentLinkedQueue<>();
    final AtomicBoolean logNews = new AtomicBoolean();
    /** Events that arrived in notices, not handed on yet. */
    final Queue<ChannelEvent> arrived = new ConcurrentLinkedQueue<>();
    final BiConsumer<String, String> onNotice = (topic, payload) -> noticed(payload);
    final BiConsumer<String, String> onTyping = (topic, payload) -> {
        TypingEvent typing = LiveMessages.decoded(() -> TypingEvent.decode(channelId(), payload));
        if (typing != null) {
            typingWaiting.add(typing);
            wakeForTyping();
        }
    };
    final AtomicInteger state = new AtomicInteger(IDLE);
    /** What the latest read of the log or of its head showed. */
    final AtomicReference<Quiet> quiet = new AtomicReference<>();
    /** Completes once Redis confirmed the channel topic (set with the first listener). */
    volatile CompletableFuture<Void> subscribed = CompletableFuture.completedFuture(null);

    ChannelFeed(String channelId, Shared shared) {
        this.channelId = channelId;
        this.shared = shared;
    }

    String channelId() {
        return channelId;
    }

    private void noticed(String payload) {
        if (shared.dropNotices().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        EventNotice notice = LiveMessages.decoded(() -> EventNotice.decode(payload));
        if (notice == null || !notice.inline()) {
            wake();
            return;
        }
        arrived.addAll(notice.events());
        wakeForTyping();
    }

    /** Reads the log soon; wakes arriving during a read make it read once more, never in parallel. */
    void wake() {
        logNews.set(true);
        wakeForTyping();
    }

    /** Hands on waiting typing soon, reading the log first only if a listener is behind what the typing follows. */
    private void wakeForTyping() {
        if (state.getAndSet(AGAIN) == IDLE) {
            shared.readers().execute(this::readLoop);
        }
    }

    private void readLoop() {
        do {
            state.set(RUNNING);
            try {
                if (logNews.getAndSet(false) || behindTyping()) {
                    readNew();
                }
                if (handOnArrived()) {
                    readNew();
                }
            } catch (RuntimeException failure) {
                LOG.warnf("Reading the event log of %s failed: %s", channelId, failure.getMessage());
            }
            handOnTyping();
        } while (!state.compareAndSet(RUNNING, IDLE));
    }

    private boolean behindTyping() {
        long needed = typingWaiting.stream().mapToLong(TypingEvent::afterSeq).max().orElse(Long.MIN_VALUE);
        for (ChannelFeeds.Listener listener : listeners) {
            long position = listener.position(channelId);
            if (position != ChannelFeeds.Listener.NOT_FOLLOWED && position < needed) {
                return true;
            }
        }
        return false;
    }

    /** A listener still behind after reading (the read failed) misses the typing: it is live only. */
    private void handOnTyping() {
        for (TypingEvent typing = typingWaiting.poll(); typing != null; typing = typingWaiting.poll()) {
            for (ChannelFeeds.Listener listener : listeners) {
                long position = listener.position(channelId);
                if (position != ChannelFeeds.Listener.NOT_FOLLOWED && position >= typing.afterSeq()) {
                    listener.typing(typing);
                }
            }
        }
    }

    /**
     * Hands each event that arrived in a notice to the listeners exactly one event behind it;
     * true when a listener is further behind (a notice was lost, or it is starting): then only the
     * log can bring it up to date. Events a listener has already are skipped.
     */
    private boolean handOnArrived() {
        if (arrived.isEmpty()) {
            return false;
        }
        List<ChannelEvent> events = new java.util.ArrayList<>();
        for (ChannelEvent event = arrived.poll(); event != null; event = arrived.poll()) {
            events.add(event);
        }
        events.sort(java.util.Comparator.comparingLong(ChannelEvent::seq));
        boolean gap = false;
        for (ChannelEvent event : events) {
            for (ChannelFeeds.Listener listener : listeners) {
                long position = listener.position(channelId);
                if (position == ChannelFeeds.Listener.NOT_FOLLOWED || position >= event.seq()) {
                    continue;
                }
                if (position == event.seq() - 1) {
                    listener.deliver(event);
                } else {
                    gap = true;
                }
            }
        }
        return gap;
    }

    /**
     * Reads the log from the lowest position among the listeners and hands each event to the
     * listeners behind it. Each page serves only the listeners that were in the feed, with their
     * positions, when the page was read: one that joins while the page is handed on (a resume)
     * may be behind events already handed on, and being handed the rest would skip those. The
     * loop ends once no listener is behind what was read, so a joiner is served by the next page.
     */
    private void readNew() {
        for (;;) {
            Map<ChannelFeeds.Listener, Long> taking = positions();
            long from = taking.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
            if (from == Long.MAX_VALUE) {
                return;
            }
            Instant readAt = Instant.now();
            shared.logReads().increment();
            List<ChannelEvent> events = shared.log().read(channelId, from, PAGE);
            for (ChannelEvent event : events) {
                taking.forEach((listener, position) -> {
                    if (position < event.seq()) {
                        listener.deliver(event);
                    }
                });
            }
            LogPosition last = events.isEmpty() ? LogPosition.after(from) : events.get(events.size() - 1).position();
            if (events.size() < PAGE) {
                settled(last, readAt);
                if (lowestPosition() >= last.seq()) {
                    return;
                }
            }
        }
    }

    /** Each listener following the channel, at its position now. */
    private Map<ChannelFeeds.Listener, Long> positions() {
        Map<ChannelFeeds.Listener, Long> now = new java.util.IdentityHashMap<>();
        for (ChannelFeeds.Listener listener : listeners) {
            long position = listener.position(channelId);
            if (position != ChannelFeeds.Listener.NOT_FOLLOWED) {
                now.put(listener, position);
            }
        }
        return now;
    }

    private long lowestPosition() {
        long lowest = Long.MAX_VALUE;
        for (ChannelFeeds.Listener listener : listeners) {
            long position = listener.position(channelId);
            if (position != ChannelFeeds.Listener.NOT_FOLLOWED && position < lowest) {
                lowest = position;
            }
        }
        return lowest;
    }

    /** A read of the log (or of its head) that began at {@code readAt} found nothing after {@code last}. */
    void settled(LogPosition last, Instant readAt) {
        quiet.accumulateAndGet(new Quiet(last, readAt.minus(ChannelEventLog.SETTLE_TIME)), Quiet::newer);
    }

    /**
     * The head check read {@code head} at {@code readAt}: when a listener is behind it, and still is
     * once the notice had time to arrive, the notice was lost; read the log.
     */
    void headIs(LogPosition head, Instant readAt) {
        settled(head, readAt);
        if (lowestPosition() < head.seq()) {
            shared.later().schedule(() -> {
                if (lowestPosition() < head.seq()) {
                    wake();
                }
            }, NOTICE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Nothing after {@code last} happened in a channel at or before {@code until}. */
    record Quiet(LogPosition last, Instant until) {

        /** Of two things known, the one about the later position; about the same one, the longer quiet. */
        static Quiet newer(Quiet known, Quiet seen) {
            if (known == null || seen.last().seq() > known.last().seq()) {
                return seen;
            }
            if (seen.last().seq() < known.last().seq()) {
                return known;
            }
            LogPosition last = known.last().at() != null ? known.last() : seen.last();
            return new Quiet(last, seen.until().isAfter(known.until()) ? seen.until() : known.until());
        }
    }
}
