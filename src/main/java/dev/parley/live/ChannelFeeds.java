package dev.parley.live;

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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.lifecycle.DaemonThreads;
import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventNotice;
import dev.parley.event.LogPosition;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.redis.RedisTopics;
import dev.parley.typing.TypingEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * This pod's view of the channels its subscribers follow, one feed per channel shared by all local
 * subscribers. A commit's Redis notice normally carries its events ({@link EventNotice}): the feed
 * hands each to the subscribers exactly one event behind it, with no read. The durable log is read
 * only when a subscriber is further behind (a lost notice: a gap in the sequence), when one starts
 * or resumes, when a notice is only a pointer (too large, or its messages not known to the writer),
 * and after the Redis subscriber reconnected. Every few seconds one batch read of the heads of all
 * followed channels finds a channel that moved without a notice reaching this pod (a lost notice
 * followed by silence). Each feed also remembers until when its channel has been quiet after what it
 * last read, which is what keeps its subscribers' cursors compact ({@link #settled}).
 *
 * <p>Typing is handed on by the same reader, after the events that came before it: a typing event
 * names the channel's last event when it was published, and reaches a subscriber only once the
 * subscriber has been handed that event. So someone removed from a channel (their MEMBER_LEFT) hears
 * no typing that followed the removal.
 */
@ApplicationScoped
public class ChannelFeeds {

    private static final Logger LOG = Logger.getLogger(ChannelFeeds.class);
    private static final int PAGE = 100;
    /** How long a new subscriber waits for Redis to confirm the topic before reading the log anyway. */
    private static final long SUBSCRIBE_WAIT_MS = 1000;
    /**
     * How long a head check that saw a channel ahead of its subscribers waits for the notice before
     * reading the log: the head is written before its notice is published, so a check often sees a
     * commit whose notice is on its way.
     */
    private static final long NOTICE_GRACE_MS = 300;

    /**
     * Someone who follows channels; {@code deliver} is called in sequence order, never twice for one
     * seq, and {@code typing} only from the same reader, once the listener's position has reached the
     * typing event's {@code afterSeq}.
     */
    interface Listener {
        /** The last seq this listener has seen in the channel, or null when it no longer follows it. */
        Long position(String channelId);

        void deliver(ChannelEvent event);

        /** Someone is typing in the channel (live only, as published). */
        void typing(TypingEvent typing);
    }

    private final ChannelEventLog log;
    private final RedisTopics topics;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4, DaemonThreads.named("parley-feed"));
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("parley-feed-check"));
    private final AtomicInteger dropNotices = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder logReads = new java.util.concurrent.atomic.LongAdder();

    public ChannelFeeds(ChannelEventLog log, RedisTopics topics) {
        this.log = log;
        this.topics = topics;
        topics.onReconnect(() -> feeds.values().forEach(Feed::wake));
    }

    /**
     * Adds a listener to the channel's feed; the first one subscribes the feed to the channel's topics
     * (once per feed, not per listener: each notice is handled once and handed to every listener).
     * Adding and removing happen atomically per channel, so a feed never loses its map entry while a
     * listener is being added to it (such an orphan would miss the head checks).
     */
    void follow(String channelId, Listener listener) {
        Feed feed = feeds.compute(channelId, (id, current) -> {
            Feed following = current == null ? new Feed(id) : current;
            if (following.listeners.isEmpty()) {
                topics.listen(LiveBus.typingTopic(id), following.onTyping);
                following.subscribed = topics.listen(LiveBus.channelTopic(id), following.onNotice);
            }
            following.listeners.add(listener);
            return following;
        });
        // After the listener is in: this wake's read includes it (see Feed.readNew).
        feed.subscribed.copy().orTimeout(SUBSCRIBE_WAIT_MS, TimeUnit.MILLISECONDS).whenComplete((subscribed, failure) -> feed.wake());
    }

    /** Tests: the next {@code count} channel notices reaching this pod are dropped, as lost notices would be. */
    void dropNextNotices(int count) {
        dropNotices.set(count);
    }

    /** Tests: how many times the feeds have read the log. */
    long logReads() {
        return logReads.sum();
    }

    /** How many listeners follow the channel on this pod (tests: nothing is left behind). */
    int followers(String channelId) {
        Feed feed = feeds.get(channelId);
        return feed == null ? 0 : feed.listeners.size();
    }

    /**
     * {@code position} in the channel, with until when the channel has been quiet after it, if this
     * pod's last read of the channel ended there (kept once per channel, not per subscriber).
     */
    ChannelPosition settled(String channelId, ChannelPosition position) {
        Feed feed = feeds.get(channelId);
        Quiet quiet = feed == null ? null : feed.quiet.get();
        return quiet == null || quiet.last().seq() != position.seq() ? position : position.settled(quiet.last(), quiet.until());
    }

    void unfollow(String channelId, Listener listener) {
        feeds.computeIfPresent(channelId, (id, feed) -> {
            if (!feed.listeners.remove(listener) || !feed.listeners.isEmpty()) {
                return feed;
            }
            topics.unlisten(LiveBus.typingTopic(id), feed.onTyping);
            topics.unlisten(LiveBus.channelTopic(id), feed.onNotice);
            return null;
        });
    }

    private final class Feed {
        private static final int IDLE = 0, RUNNING = 1, AGAIN = 2;

        final String channelId;
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
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

        Feed(String channelId) {
            this.channelId = channelId;
        }

        String channelId() {
            return channelId;
        }

        private void noticed(String payload) {
            if (dropNotices.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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
                readers.execute(this::readLoop);
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
            return listeners.stream().map(l -> l.position(channelId)).anyMatch(position -> position != null && position < needed);
        }

        /** A listener still behind after reading (the read failed) misses the typing: it is live only. */
        private void handOnTyping() {
            for (TypingEvent typing = typingWaiting.poll(); typing != null; typing = typingWaiting.poll()) {
                for (Listener listener : listeners) {
                    Long position = listener.position(channelId);
                    if (position != null && position >= typing.afterSeq()) {
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
                for (Listener listener : listeners) {
                    Long position = listener.position(channelId);
                    if (position == null || position >= event.seq()) {
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
                Map<Listener, Long> taking = positions();
                long from = taking.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                if (from == Long.MAX_VALUE) {
                    return;
                }
                Instant readAt = Instant.now();
                logReads.increment();
                List<ChannelEvent> events = log.read(channelId, from, PAGE);
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
        private Map<Listener, Long> positions() {
            Map<Listener, Long> now = new java.util.IdentityHashMap<>();
            for (Listener listener : listeners) {
                Long position = listener.position(channelId);
                if (position != null) {
                    now.put(listener, position);
                }
            }
            return now;
        }

        private long lowestPosition() {
            long lowest = Long.MAX_VALUE;
            for (Listener listener : listeners) {
                Long position = listener.position(channelId);
                if (position != null && position < lowest) {
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
                later.schedule(() -> {
                    if (lowestPosition() < head.seq()) {
                        wake();
                    }
                }, NOTICE_GRACE_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Nothing after {@code last} happened in a channel at or before {@code until}. */
    private record Quiet(LogPosition last, Instant until) {

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

    /**
     * Reads the heads of every channel this pod follows (a BatchGetItem per 100 channels, once per pod
     * and interval, whatever the number of subscribers).
     */
    @Scheduled(every = "${parley.events.head-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkHeads() {
        if (feeds.isEmpty()) {
            return;
        }
        Instant readAt = Instant.now();
        try {
            log.heads(List.copyOf(feeds.keySet())).forEach((channelId, head) -> {
                Feed feed = feeds.get(channelId);
                if (feed != null) {
                    feed.headIs(head, readAt);
                }
            });
        } catch (RuntimeException failure) {
            LOG.warnf("Checking the heads of %d channels failed: %s", feeds.size(), failure.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
        later.shutdownNow();
    }
}
