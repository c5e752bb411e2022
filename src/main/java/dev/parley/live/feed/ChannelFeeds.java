package dev.parley.live.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventNotice;
import dev.parley.platform.lifecycle.DaemonThreads;
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
    /** How long a new subscriber waits for Redis to confirm the topic before reading the log anyway. */
    private static final long SUBSCRIBE_WAIT_MS = 1000;

    /**
     * Someone who follows channels; {@code deliver} is called in sequence order, never twice for one
     * seq, and {@code typing} only from the same reader, once the listener's position has reached the
     * typing event's {@code afterSeq}.
     */
    public interface Listener {
        /** {@link #position} of a channel the listener does not follow (any more). */
        long NOT_FOLLOWED = -1;

        /** The last seq this listener has seen in the channel, or {@link #NOT_FOLLOWED}. */
        long position(String channelId);

        void deliver(ChannelEvent event);

        /** Someone is typing in the channel (live only, as published). */
        void typing(TypingEvent typing);
    }

    private final ChannelEventLog log;
    private final RedisTopics topics;
    private final Map<String, ChannelFeed> feeds = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4, DaemonThreads.named("parley-feed"));
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("parley-feed-check"));
    private final AtomicInteger dropNotices = new AtomicInteger();
    private final LongAdder logReads = new LongAdder();
    private final ChannelFeed.Shared shared;

    public ChannelFeeds(ChannelEventLog log, ChannelEventReads reads, RedisTopics topics) {
        this.log = log;
        this.topics = topics;
        this.shared = new ChannelFeed.Shared(reads, readers, later, dropNotices, logReads);
        topics.onReconnect(() -> feeds.values().forEach(ChannelFeed::wake));
    }

    /**
     * Adds a listener to the channel's feed; the first one subscribes the feed to the channel's topics
     * (once per feed, not per listener: each notice is handled once and handed to every listener).
     * Adding and removing happen atomically per channel, so a feed never loses its map entry while a
     * listener is being added to it (such an orphan would miss the head checks).
     */
    public void follow(String channelId, Listener listener) {
        ChannelFeed feed = feeds.compute(channelId, (id, current) -> {
            ChannelFeed following = current == null ? new ChannelFeed(id, shared) : current;
            if (following.listeners.isEmpty()) {
                topics.listen(LiveBus.typingTopic(id), following.onTyping);
                following.subscribed = topics.listen(LiveBus.channelTopic(id), following.onNotice);
            }
            following.listeners.add(listener);
            return following;
        });
        // After the listener is in: this wake's read includes it (see ChannelFeed.readNew).
        feed.subscribed.copy().orTimeout(SUBSCRIBE_WAIT_MS, TimeUnit.MILLISECONDS).whenComplete((subscribed, failure) -> feed.wake());
    }

    /** Tests: the next {@code count} channel notices reaching this pod are dropped, as lost notices would be. */
    public void dropNextNotices(int count) {
        dropNotices.set(count);
    }

    /** Tests: how many times the feeds have read the log. */
    public long logReads() {
        return logReads.sum();
    }

    /** How many listeners follow the channel on this pod (tests: nothing is left behind). */
    public int followers(String channelId) {
        ChannelFeed feed = feeds.get(channelId);
        return feed == null ? 0 : feed.listeners.size();
    }

    /**
     * {@code position} in the channel, with until when the channel has been quiet after it, if this
     * pod's last read of the channel ended there (kept once per channel, not per subscriber).
     */
    public ChannelPosition settled(String channelId, ChannelPosition position) {
        ChannelFeed feed = feeds.get(channelId);
        ChannelFeed.Quiet quiet = feed == null ? null : feed.quiet.get();
        return quiet == null || quiet.last().seq() != position.seq() ? position : position.settled(quiet.last(), quiet.until());
    }

    public void unfollow(String channelId, Listener listener) {
        feeds.computeIfPresent(channelId, (id, feed) -> {
            if (!feed.listeners.remove(listener) || !feed.listeners.isEmpty()) {
                return feed;
            }
            topics.unlisten(LiveBus.typingTopic(id), feed.onTyping);
            topics.unlisten(LiveBus.channelTopic(id), feed.onNotice);
            return null;
        });
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
                ChannelFeed feed = feeds.get(channelId);
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
