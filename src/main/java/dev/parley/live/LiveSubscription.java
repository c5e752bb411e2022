package dev.parley.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.event.LogPosition;
import dev.parley.typing.TypingEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One subscriber's live stream: the channels it follows and its position in each. Events come
 * from the feeds in sequence order per channel; each is passed on once, stamped with the cursor
 * that resumes right after it (compact: see {@link EventCursor}; the feeds know how long each
 * channel has been quiet, {@link ChannelFeeds#settled}).
 */
final class LiveSubscription implements ChannelFeeds.Listener {

    private final String userId;
    private final MultiEmitter<? super Event> emitter;
    private final Backlog backlog;
    private final LiveEvents routes;
    private final boolean everyChannel;
    private volatile Instant syncedAt = Instant.now();
    private final EventCursors cursors;
    private final Map<String, ChannelPosition> positions = new ConcurrentHashMap<>();
    /** Channels left while subscribed, until the cursors' time passes their last event (see EventCursor.of). */
    private final Map<String, ChannelPosition> departed = new ConcurrentHashMap<>();
    /** The time of the last cursor given out (epoch ms): cursors never go back in time. */
    private long cursorTime = Long.MIN_VALUE;
    private final List<Map.Entry<String, BiConsumer<String, String>>> listening = new CopyOnWriteArrayList<>();

    LiveSubscription(String userId, boolean everyChannel, MultiEmitter<? super Event> emitter, Backlog backlog, LiveEvents routes,
            EventCursors cursors) {
        this.cursors = cursors;
        this.backlog = backlog;
        this.userId = userId;
        this.emitter = emitter;
        this.routes = routes;
        this.everyChannel = everyChannel;
    }

    String userId() {
        return userId;
    }

    /** events(): every channel the person is in, following joins; channelEvents(): one channel. */
    boolean everyChannel() {
        return everyChannel;
    }

    /** Since when the set of followed channels is known to be complete. */
    Instant syncedAt() {
        return syncedAt;
    }

    void synced(Instant at) {
        syncedAt = at;
    }

    /** Hears a Redis topic for as long as this subscription lives. */
    void listen(String topic, BiConsumer<String, String> listener) {
        listening.add(Map.entry(topic, listener));
        routes.listen(topic, listener);
    }

    @Override
    public Long position(String channelId) {
        ChannelPosition position = positions.get(channelId);
        return position == null ? null : position.seq();
    }

    boolean follows(String channelId) {
        return positions.containsKey(channelId);
    }

    /** Starts following a channel right after {@code start}. */
    void follow(String channelId, LogPosition start) {
        departed.remove(channelId);
        if (positions.putIfAbsent(channelId, ChannelPosition.of(start)) == null) {
            routes.follow(this, channelId);
        }
    }

    void unfollow(String channelId) {
        ChannelPosition last = positions.remove(channelId);
        if (last != null) {
            departed.put(channelId, last.departed(Instant.now()));
            routes.unfollow(this, channelId);
        }
    }

    void stop() {
        positions.keySet().forEach(this::unfollow);
        listening.forEach(entry -> routes.unlisten(entry.getKey(), entry.getValue()));
        listening.clear();
    }

    @Override
    public synchronized void deliver(ChannelEvent change) {
        ChannelPosition position = positions.get(change.channelId());
        if (position == null || change.seq() <= position.seq()) {
            return;
        }
        positions.put(change.channelId(), ChannelPosition.of(change.position()));
        if (change.type() == EventType.CHANNEL_READ && !userId.equals(change.userId())) {
            return; // read markers are the reader's own business
        }
        backlog.push(emitter, Event.of(change, cursor()));
        if (change.type() == EventType.MEMBER_LEFT && userId.equals(change.userId())) {
            routes.left(this, change.channelId());
        }
    }

    @Override
    public void typing(TypingEvent typing) {
        if (!typing.userId().equals(userId)) {
            deliverLive(cursor -> Event.typing(typing, cursor));
        }
    }

    /** A live-only event (typing, notification): passed on with the current cursor, never replayed. */
    synchronized void deliverLive(java.util.function.Function<String, Event> event) {
        backlog.push(emitter, event.apply(cursor()));
    }

    void complete() {
        emitter.complete();
    }

    private String cursor() {
        Map<String, ChannelPosition> settled = new HashMap<>();
        positions.forEach((channelId, position) -> settled.put(channelId, routes.settled(channelId, position)));
        EventCursor cursor = EventCursor.of(settled, departed, cursorTime, Instant.now());
        cursorTime = cursor.at().toEpochMilli();
        departed.keySet().retainAll(cursor.positions().keySet());
        return cursors.encode(userId, cursor);
    }
}
