package dev.parley.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.typing.TypingEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One subscriber's live stream: the channels it follows and its position in each. Events come
 * from the feeds in sequence order per channel; each is passed on once, stamped with the cursor
 * that resumes right after it.
 */
final class LiveSubscription implements ChannelFeeds.Listener {

    private final String userId;
    private final MultiEmitter<? super Event> emitter;
    private final Backlog backlog;
    private final LiveEvents routes;
    private final boolean everyChannel;
    private volatile Instant syncedAt = Instant.now();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, BiConsumer<String, String>>> listening = new CopyOnWriteArrayList<>();

    LiveSubscription(String userId, boolean everyChannel, MultiEmitter<? super Event> emitter, Backlog backlog, LiveEvents routes) {
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
        return positions.get(channelId);
    }

    boolean follows(String channelId) {
        return positions.containsKey(channelId);
    }

    /** Starts following a channel right after {@code seq}. */
    void follow(String channelId, long seq) {
        if (positions.putIfAbsent(channelId, seq) == null) {
            routes.follow(this, channelId);
        }
    }

    void unfollow(String channelId) {
        if (positions.remove(channelId) != null) {
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
        Long position = positions.get(change.channelId());
        if (position == null || change.seq() <= position) {
            return;
        }
        positions.put(change.channelId(), change.seq());
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
        return new EventCursor(Instant.now(), Map.copyOf(positions)).encode();
    }
}
