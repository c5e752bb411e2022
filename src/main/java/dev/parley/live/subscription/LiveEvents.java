package dev.parley.live.subscription;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.AccessFacts;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.LogPosition;
import dev.parley.live.feed.ChannelFeeds;
import dev.parley.live.feed.ChannelPosition;
import dev.parley.live.feed.LiveMessages;
import dev.parley.live.subscription.LiveSubscription.Scope;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.lifecycle.DaemonThreads;
import dev.parley.platform.memory.SharedReads;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.redis.RedisTopics;
import dev.parley.presence.Presence;
import dev.parley.presence.PresenceService;
import dev.parley.typing.TypingEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Opens subscribers' streams: where each one starts (the cursor it resumes from, or the channels'
 * newest events), which channels it follows, and how that set changes as the person joins and
 * leaves channels. Replay and live delivery are the same path: a subscriber's feed reads the log
 * from its position, so switching from one to the other can neither skip nor repeat an event.
 *
 * <p>Access ({@link ChannelAccess}) is checked once, when a stream opens, and read after the stream's
 * starting positions: a removal committed after that check is at a later position, so the stream
 * meets the MEMBER_LEFT that records it and ends there ({@link LiveSubscription}), with no read.
 */
@ApplicationScoped
public class LiveEvents {


    private final ChannelFeeds feeds;
    private final RedisTopics topics;
    private final ChannelEventLog log;
    private final ChannelEventReads reads;
    private final ChannelStore channelStore;
    private final ChannelAccess access;
    private final PresenceService presence;
    private final ParleyConfig config;
    private final EventCursors cursors;
    private final PersonSignals signals;
    private final Set<LiveSubscription> open = ConcurrentHashMap.newKeySet();
    /**
     * A pod's sockets resuming together (after a restart, a network blip) ask the same questions: the
     * heads of the same channels, and for each person with several devices the same channels and
     * memberships. Each is read once for all who asked at the same time, never older than the ask.
     */
    private final SharedReads<String, List<String>> channelIdsOf;
    private final SharedReads<List<String>, Map<String, LogPosition>> heads;
    private final SharedReads<Map.Entry<String, List<String>>, Set<String>> memberChannels;
    /** Per-subscriber GraphQL work (resolving each event's fields) runs here, in order per subscriber. */
    private final ExecutorService delivery = Executors.newFixedThreadPool(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), DaemonThreads.named("parley-delivery"));

    public LiveEvents(ChannelFeeds feeds, RedisTopics topics, ChannelEventLog log, ChannelEventReads reads, ChannelStore channelStore,
            ChannelAccess access, PresenceService presence, ParleyConfig config, EventCursors cursors) {
        this.cursors = cursors;
        this.presence = presence;
        this.feeds = feeds;
        this.topics = topics;
        this.log = log;
        this.reads = reads;
        this.channelStore = channelStore;
        this.access = access;
        this.config = config;
        this.signals = new PersonSignals(channelStore, access, reads);
        this.channelIdsOf = new SharedReads<>(channelStore::channelIdsOf);
        this.heads = new SharedReads<>(log::heads);
        this.memberChannels = new SharedReads<>(asked -> access.memberChannels(asked.getKey(), asked.getValue()));
        topics.onReconnect(() -> open.forEach(s -> delivery.execute(() -> signals.catchUp(s))));
    }

    /**
     * Everything in every channel and DM the person is in, from {@code after} (a cursor) or from now,
     * plus the presence changes of {@code presenceOf} (those the person may see).
     */
    public LiveStream everything(String userId, String after, List<String> presenceOf) {
        EventCursor cursor = resumable(userId, after);
        List<String> channelIds = channelIdsOf.get(userId);
        Map<String, LogPosition> start = startingPoints(channelIds, cursor);
        Set<String> theirs = memberChannels.get(Map.entry(userId, channelIds)); // after the starting points: see the class comment
        List<String> watched = presenceOf == null || presenceOf.isEmpty() ? List.of() : visiblePresence(userId, presenceOf);
        return stream(userId, Scope.EVERY_CHANNEL, null, subscription -> {
            subscription.listen(LiveBus.userTopic(userId), (topic, signal) -> signals.heard(subscription, signal));
            BiFunction<String, String, Presence> fresher = newerPresence();
            watched.forEach(person -> subscription.listen(LiveBus.presenceTopic(person), (topic, payload) -> {
                Presence change = fresher.apply(topic, payload);
                if (change != null) {
                    subscription.deliverLive(position -> Event.presence(change, position));
                }
            }));
            start.forEach((channelId, position) -> {
                if (theirs.contains(channelId)) {
                    subscription.follow(channelId, position);
                }
            });
        });
    }

    /** One channel's events, from {@code after} or from now, for as long as the person may read the channel. */
    public LiveStream channel(String userId, String channelId, String after) {
        Inputs.id("channelId", channelId);
        Map<String, LogPosition> start = startingPoints(List.of(channelId), resumable(userId, after));
        return oneChannel(userId, Scope.ONE_CHANNEL, access.readable(userId, "channelId", channelId), start);
    }

    /** Who starts typing in a channel, not the person themselves, for as long as they may read the channel. */
    public Multi<TypingEvent> typing(String userId, String channelId) {
        Inputs.id("channelId", channelId);
        Map<String, LogPosition> start = heads.get(List.of(channelId));
        return multi(oneChannel(userId, Scope.TYPING, access.readable(userId, "channelId", channelId), start)).map(Event::typing);
    }

    /** A stream of one channel, which also hears the person's own topic (for leaving the workspace). */
    private LiveStream oneChannel(String userId, Scope scope, AccessFacts facts, Map<String, LogPosition> start) {
        return stream(userId, scope, facts, subscription -> {
            subscription.listen(LiveBus.userTopic(userId), (topic, signal) -> signals.heard(subscription, signal));
            start.forEach(subscription::follow);
        });
    }

    private LiveStream stream(String userId, Scope scope, AccessFacts facts, Consumer<LiveSubscription> start) {
        return sink -> {
            LiveSubscription subscription = new LiveSubscription(userId, scope, facts, sink, this, cursors);
            open.add(subscription);
            start.accept(subscription); // a stop meanwhile makes what follows it do nothing (LiveSubscription.stop)
            return () -> {
                open.remove(subscription);
                subscription.stop();
            };
        };
    }

    /** A stream as a Mutiny stream, for a subscription that is not over a socket (or not rendered shared). */
    public Multi<Event> multi(LiveStream stream) {
        return delivered((emitter, backlog) -> {
            StopLatch stop = new StopLatch();
            emitter.onTermination(stop::stop);
            stop.started(stream.open(new LiveStream.Sink() {
                @Override
                public void next(Event event) {
                    backlog.push(emitter, event);
                }

                @Override
                public void end() {
                    emitter.complete();
                }
            }));
        });
    }

    /** A subscriber's stream: what waits is counted (Backlog), and its GraphQL work runs on the delivery pool, in order. */
    private <T> Multi<T> delivered(BiConsumer<MultiEmitter<? super T>, Backlog> start) {
        Backlog backlog = new Backlog();
        return Multi.createFrom().<T>emitter(emitter -> start.accept(emitter, backlog), BackPressureStrategy.IGNORE)
                .onOverflow().bufferUnconditionally().emitOn(delivery).invoke(backlog::taken);
    }

    private EventCursor resumable(String userId, String after) {
        if (after == null) {
            return null;
        }
        EventCursor cursor = cursors.decode(userId, after);
        if (cursor.at().isBefore(Instant.now().minus(config.events().retention()))) {
            throw ParleyException.badInput("after", "This cursor is older than the event log keeps ("
                    + config.events().retention().toDays() + " days): reload, then subscribe without after");
        }
        return cursor;
    }

    /**
     * Where to start in each channel: without a cursor, its head (now); else the position the cursor
     * lists, or the one its time implies: the last event at or before it, which is the head when
     * nothing happened since (one batch read of the heads), else found by a query (only channels active
     * since, and those joined while away).
     */
    private Map<String, LogPosition> startingPoints(List<String> channelIds, EventCursor cursor) {
        Map<String, LogPosition> newest = heads.get(List.copyOf(channelIds));
        if (cursor == null) {
            return newest;
        }
        Map<String, LogPosition> start = new HashMap<>();
        newest.forEach((channelId, head) -> {
            Long listed = cursor.positions().get(channelId);
            if (listed != null) {
                start.put(channelId, listed == head.seq() ? head : LogPosition.after(listed));
            } else if (head.seq() == LogPosition.START.seq() || head.at() != null && !head.at().isAfter(cursor.at())) {
                start.put(channelId, head);
            } else {
                start.put(channelId, reads.positionAt(channelId, cursor.at()));
            }
        });
        return start;
    }

    /** How many streams are open on this pod (tests: nothing is left behind). */
    public int openStreams() {
        return open.size();
    }

    void listen(String topic, BiConsumer<String, String> listener) {
        topics.listen(topic, listener);
    }

    void unlisten(String topic, BiConsumer<String, String> listener) {
        topics.unlisten(topic, listener);
    }

    void follow(LiveSubscription subscription, String channelId) {
        feeds.follow(channelId, subscription);
    }

    ChannelPosition settled(String channelId, ChannelPosition position) {
        return feeds.settled(channelId, position);
    }

    void unfollow(LiveSubscription subscription, String channelId) {
        feeds.unfollow(channelId, subscription);
    }

    /** Presence changes of the given people, those the caller may see. */
    public Multi<Presence> presenceChanges(String userId, List<String> userIds) {
        return topicStream(visiblePresence(userId, userIds).stream().map(LiveBus::presenceTopic).toList(), newerPresence());
    }

    private List<String> visiblePresence(String userId, List<String> userIds) {
        return presence.visible(userId, userIds).stream().map(Presence::userId).toList();
    }

    /** Decodes presence notices, dropping one older than a notice already passed on (pods publish independently). */
    private static BiFunction<String, String, Presence> newerPresence() {
        Map<String, Long> lastRevision = new ConcurrentHashMap<>();
        return (topic, payload) -> {
            String whose = topic.substring(topic.lastIndexOf(':') + 1);
            Presence change = LiveMessages.decoded(() -> Presence.decode(whose, payload));
            if (change == null || lastRevision.merge(whose, change.revision(), Math::max) != change.revision()) {
                return null;
            }
            return change;
        };
    }

    /** A stream of what arrives on some Redis topics, mapped (null drops a message). */
    private <T> Multi<T> topicStream(List<String> topicNames, BiFunction<String, String, T> map) {
        return delivered((emitter, backlog) -> {
            BiConsumer<String, String> listener = (topic, payload) -> {
                T item = map.apply(topic, payload);
                if (item != null) {
                    backlog.push(emitter, item);
                }
            };
            topicNames.forEach(topic -> topics.listen(topic, listener));
            emitter.onTermination(() -> topicNames.forEach(topic -> topics.unlisten(topic, listener)));
        });
    }

    @PreDestroy
    void stop() {
        delivery.shutdownNow();
    }
}
