package dev.parley.live;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.platform.redis.RedisTopics;
import dev.parley.typing.TypingEvent;

/**
 * This pod's view of the channels its subscribers follow. Redis only says "channel C has new
 * events"; the feed then reads them from the durable log, once for all local subscribers, and hands
 * each subscriber the ones after its own position. A lost notice only delays delivery until the next
 * one (or until Redis reconnects), because the log, not the notice, is the source.
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
    private final ExecutorService readers = Executors.newFixedThreadPool(4, named("parley-feed"));

    public ChannelFeeds(ChannelEventLog log, RedisTopics topics) {
        this.log = log;
        this.topics = topics;
        topics.onReconnect(() -> feeds.values().forEach(Feed::wake));
    }

    void follow(String channelId, Listener listener) {
        Feed feed = feeds.computeIfAbsent(channelId, Feed::new);
        synchronized (feed) {
            if (feed.listeners.isEmpty()) {
                // Once per feed, not per listener: each typing notice is queued once and handed to every listener.
                topics.listen(LiveBus.typingTopic(channelId), feed.onTyping);
            }
            feed.listeners.add(listener);
        }
        topics.listen(LiveBus.channelTopic(channelId), feed.onNotice)
                .orTimeout(SUBSCRIBE_WAIT_MS, TimeUnit.MILLISECONDS)
                .whenComplete((subscribed, failure) -> feed.wake());
    }

    void unfollow(String channelId, Listener listener) {
        Feed feed = feeds.get(channelId);
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            if (!feed.listeners.remove(listener)) {
                return;
            }
            if (feed.listeners.isEmpty()) {
                topics.unlisten(LiveBus.typingTopic(channelId), feed.onTyping);
            }
        }
        topics.unlisten(LiveBus.channelTopic(channelId), feed.onNotice);
        feeds.computeIfPresent(channelId, (id, current) -> current.listeners.isEmpty() ? null : current);
    }

    private final class Feed {
        private static final int IDLE = 0, RUNNING = 1, AGAIN = 2;

        final String channelId;
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        /** Typing not handed on yet; and whether the log may have news (a notice, a new listener) or only typing came. */
        final Queue<TypingEvent> typingWaiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean logNews = new AtomicBoolean();
        final BiConsumer<String, String> onNotice = (topic, seq) -> wake();
        final BiConsumer<String, String> onTyping = (topic, payload) -> {
            TypingEvent typing = LiveMessages.decoded(() -> TypingEvent.decode(channelId(), payload));
            if (typing != null) {
                typingWaiting.add(typing);
                wakeForTyping();
            }
        };
        final AtomicInteger state = new AtomicInteger(IDLE);

        Feed(String channelId) {
            this.channelId = channelId;
        }

        String channelId() {
            return channelId;
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

        private void readNew() {
            for (;;) {
                long from = listeners.stream().map(l -> l.position(channelId)).filter(java.util.Objects::nonNull)
                        .mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                if (from == Long.MAX_VALUE) {
                    return;
                }
                var events = log.read(channelId, from, PAGE);
                for (ChannelEvent event : events) {
                    for (Listener listener : listeners) {
                        Long position = listener.position(channelId);
                        if (position != null && position < event.seq()) {
                            listener.deliver(event);
                        }
                    }
                }
                if (events.size() < PAGE) {
                    return;
                }
            }
        }
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
