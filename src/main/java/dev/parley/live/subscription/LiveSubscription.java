package dev.parley.live.subscription;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import dev.parley.channel.AccessFacts;
import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.event.LogPosition;
import dev.parley.live.feed.ChannelFeeds;
import dev.parley.live.feed.ChannelPosition;
import dev.parley.typing.TypingEvent;

/**
 * One subscriber's live stream: the channels it follows and its position in each. Events come
 * from the feeds in sequence order per channel; each is passed on once, stamped with the cursor
 * that resumes right after it (compact: see {@link EventCursor}; the feeds know how long each
 * channel has been quiet, {@link ChannelFeeds#settled}).
 *
 * <p>Access is decided here, from what the stream knows, with no read: the subscriber's own
 * MEMBER_LEFT and MEMBER_JOINED events keep the channel-access facts current, so the event that
 * records a removal is the last one of that channel the subscriber gets (all under this object's
 * lock, before the feed can hand on the next one).
 */
public final class LiveSubscription implements ChannelFeeds.Listener {

    /** What a stream follows and passes on. */
    public enum Scope {
        /** {@code events}: every channel the person is in, following their joins and leaves; their notifications. */
        EVERY_CHANNEL,
        /** {@code channelEvents}: one channel, for as long as the person may read it. */
        ONE_CHANNEL,
        /** {@code typing}: who types in one channel, for as long as the person may read it. */
        TYPING
    }

    private final String userId;
    private final Scope scope;
    private final LiveStream.Sink sink;
    private final LiveEvents routes;
    private volatile Instant syncedAt = Instant.now();
    private final EventCursors cursors;
    private final Map<String, ChannelPosition> positions = new ConcurrentHashMap<>();
    /** Channels left while subscribed, until the cursors' time passes their last event (see EventCursor.of). */
    private final Map<String, ChannelPosition> departed = new ConcurrentHashMap<>();
    /** The time of the last cursor given out (epoch ms): cursors never go back in time. */
    private long cursorTime = Long.MIN_VALUE;
    /** EVERY_CHANNEL: the subscriber's last MEMBER_LEFT seen per channel, so an older join signal does not follow it again. */
    private final Map<String, Long> leftAt = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, BiConsumer<String, String>>> listening = new CopyOnWriteArrayList<>();
    /** ONE_CHANNEL and TYPING: the policy's facts for the subscriber and the channel (null for EVERY_CHANNEL). */
    private AccessFacts access;
    private boolean ended;

    public LiveSubscription(String userId, Scope scope, AccessFacts access, LiveStream.Sink sink, LiveEvents routes, EventCursors cursors) {
        this.cursors = cursors;
        this.userId = userId;
        this.scope = scope;
        this.access = access;
        this.sink = sink;
        this.routes = routes;
    }

    String userId() {
        return userId;
    }

    Scope scope() {
        return scope;
    }

    /** The workspace of a one-channel stream's channel (null for EVERY_CHANNEL). */
    synchronized String workspaceId() {
        return access == null ? null : access.channel().workspaceId();
    }

    /** Since when the set of followed channels is known to be complete. */
    Instant syncedAt() {
        return syncedAt;
    }

    void synced(Instant at) {
        syncedAt = at;
    }

    /** Hears a Redis topic for as long as this subscription lives (not at all once it stopped). */
    public synchronized void listen(String topic, BiConsumer<String, String> listener) {
        if (ended) {
            return;
        }
        listening.add(Map.entry(topic, listener));
        routes.listen(topic, listener);
    }

    @Override
    public long position(String channelId) {
        ChannelPosition position = positions.get(channelId);
        return position == null ? NOT_FOLLOWED : position.seq();
    }

    boolean follows(String channelId) {
        return positions.containsKey(channelId);
    }

    /** Starts following a channel right after {@code start}. */
    public synchronized void follow(String channelId, LogPosition start) {
        if (ended) {
            return;
        }
        departed.remove(channelId);
        if (positions.putIfAbsent(channelId, ChannelPosition.of(start)) == null) {
            routes.follow(this, channelId);
        }
    }

    /**
     * The person joined the channel at {@code seq}: follow it from that event, unless it is followed
     * already or the stream saw them leave it later (a late signal).
     */
    synchronized void joined(String channelId, long seq) {
        if (!follows(channelId) && seq > leftAt.getOrDefault(channelId, 0L)) {
            follow(channelId, LogPosition.after(seq - 1));
        }
    }

    /**
     * A channel the person is in now, missed while Redis was away: followed from {@code from}, or from
     * the last MEMBER_LEFT this stream saw there if that is later (what came before it was passed on).
     */
    synchronized void caughtUp(String channelId, LogPosition from) {
        long left = leftAt.getOrDefault(channelId, 0L);
        follow(channelId, left > from.seq() ? LogPosition.after(left) : from);
    }

    private void unfollow(String channelId) {
        ChannelPosition last = positions.remove(channelId);
        if (last != null) {
            departed.put(channelId, last.departed(Instant.now()));
            routes.unfollow(this, channelId);
        }
    }

    /**
     * The stream ended: nothing is followed or heard any more, and a follow or listen that comes
     * later (a stream cancelled while it was being set up, a late join signal) does nothing.
     */
    public synchronized void stop() {
        ended = true;
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
        boolean own = userId.equals(change.userId());
        boolean passedOn = scope != Scope.TYPING && (change.type() != EventType.CHANNEL_READ || own); // read markers are the reader's own business
        if (passedOn) {
            sink.next(Event.of(change, cursor()));
        }
        if (own && (change.type() == EventType.MEMBER_LEFT || change.type() == EventType.MEMBER_JOINED)) {
            membershipChanged(change.channelId(), change.seq(), change.type() == EventType.MEMBER_JOINED);
        }
    }

    /** The subscriber joined or left a followed channel, as its event log records at {@code seq}. */
    private void membershipChanged(String channelId, long seq, boolean joined) {
        if (scope == Scope.EVERY_CHANNEL) {
            if (!joined) {
                leftAt.put(channelId, seq);
                unfollow(channelId); // events() follows the channels the person is in
            }
            return;
        }
        access = access.asMember(joined);
        if (!access.readable()) {
            end();
        }
    }

    /** The subscriber left a workspace: a one-channel stream of one of its channels ends. */
    synchronized void leftWorkspace(String workspaceId) {
        if (access != null && access.channel().workspaceId().equals(workspaceId)) {
            access = access.outsideWorkspace();
            end();
        }
    }

    /** The subscriber may no longer read what this stream shows: nothing more is passed on, and the stream completes. */
    private void end() {
        ended = true;
        positions.keySet().forEach(this::unfollow);
        sink.end();
    }

    @Override
    public synchronized void typing(TypingEvent typing) {
        if (follows(typing.channelId()) && !typing.userId().equals(userId)) {
            sink.next(Event.typing(typing, cursor()));
        }
    }

    /** A live-only event (a notification): passed on with the current cursor, never replayed. */
    synchronized void deliverLive(java.util.function.Function<String, Event> event) {
        if (!ended) {
            sink.next(event.apply(cursor()));
        }
    }

    private String cursor() {
        Map<String, ChannelPosition> settled = new HashMap<>(2 * positions.size());
        positions.forEach((channelId, position) -> settled.put(channelId, routes.settled(channelId, position)));
        EventCursor cursor = EventCursor.of(settled, departed, cursorTime, Instant.now());
        cursorTime = cursor.at().toEpochMilli();
        if (!departed.isEmpty()) {
            departed.keySet().retainAll(cursor.positions().keySet());
        }
        return cursors.encode(userId, cursor);
    }
}
