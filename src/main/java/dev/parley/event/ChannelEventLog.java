package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.str;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Backoff;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Guarded;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Each channel's durable event log (ChannelEvents). Every change to a channel is committed together
 * with its events: the caller's writes, then per channel one conditional update of the head item
 * ({@code lastSeq} from n to n+k, {@code lastAt} the time of event n+k) and the k events with the
 * sequences n+1..n+k. The head's condition is what makes sequences gapless and unique across pods; a
 * stale guess of n fails it, and the transaction is written again with the head read afresh. Event
 * times increase with the sequence (each at least a millisecond after the one before, whatever the
 * writing pod's clock says), so "the last event at or before t" is one exact position. Once
 * committed, the channels' new heads are announced on {@link LiveBus}. What consumers read of the
 * log (its events, where it stood at a time) is {@link ChannelEventReads}.
 */
@ApplicationScoped
public class ChannelEventLog {

    /**
     * An event is in the log, readable, at most this long after its time {@code at}: its time is taken
     * just before the transaction that writes it, and pods' clocks may differ by a little. So a read of
     * the log that began at r has every event whose time is at or before r minus this. Readers rely on it
     * to say "nothing happened in this channel up to then" (compact cursors). Appends slower than this
     * are logged.
     */
    public static final Duration SETTLE_TIME = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ChannelEventLog.class);
    /**
     * Appends to one channel are serialized by its head, so a burst of k at once needs about k
     * rounds; with the growing pauses this bound waits out three to four seconds of contention.
     */
    private static final int ATTEMPTS = 10;
    /**
     * How long {@link #append} keeps trying while other pods append to the same channel: every lost
     * try means the channel moved on, so this bounds a send's wait, not the channel's progress.
     */
    static final Duration APPEND_DEADLINE = Duration.ofSeconds(8);
    /** What {@link #append} answers when the commit needed the channel open and it is archived. */
    public static final Object CLOSED = new Object() {
        @Override
        public String toString() {
            return "channel archived";
        }
    };
    private static final Object HEAD_MOVED = new Object();
    /** Channels whose head this pod remembers as its next guess. */
    private static final int REMEMBERED_CHANNELS = 10_000;

    private final Dynamo dynamo;
    private final LiveBus bus;
    private final Duration retention;
    private final Clock clock;
    private final RecentHeads recentHeads = new RecentHeads(REMEMBERED_CHANNELS);
    private final HeadTurns turns;
    private final HeadContention contention;

    @Inject
    public ChannelEventLog(Dynamo dynamo, LiveBus bus, ParleyConfig config) {
        this(dynamo, bus, config, Clock.systemUTC());
    }

    /** A log whose event times come from {@code clock} (tests: a pod whose clock is off). */
    public ChannelEventLog(Dynamo dynamo, LiveBus bus, ParleyConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.bus = bus;
        this.retention = config.events().retention();
        this.clock = clock;
        this.turns = new HeadTurns(dynamo, clock);
        this.contention = new HeadContention(REMEMBERED_CHANNELS, turns);
    }

    /** How many transaction items {@link #transact} adds for these events: a head per channel and one per event. */
    public static int itemCount(List<PendingEvent> events) {
        return (int) events.stream().map(PendingEvent::channelId).distinct().count() + events.size();
    }

    /**
     * Writes {@code writes} and the events in one transaction, like {@link Dynamo#tryTransact}: empty
     * when committed, else the position (in {@code writes}) of the first item whose condition failed,
     * and then no event was written. CONFLICT when the channel's head kept moving under us.
     */
    public OptionalInt transact(List<TransactWriteItem> writes, List<PendingEvent> events) {
        return transact(heads -> writes, events, HeadChange.NONE);
    }

    /** As {@link #transact(List, List)}, changing each channel's head as {@code change} says (archiving). */
    public OptionalInt transact(List<TransactWriteItem> writes, List<PendingEvent> events, HeadChange change) {
        return transact(heads -> writes, events, change);
    }

    /**
     * As {@link #transact(List, List)}, with writes built from the channels' heads as they will be
     * when the transaction commits (its head conditions make them exact): a new member starts
     * reading at the channel's current ordinal.
     */
    public OptionalInt transact(Function<Map<String, ChannelHead>, List<TransactWriteItem>> writesFromHeads, List<PendingEvent> events) {
        return transact(writesFromHeads, events, HeadChange.NONE);
    }

    private OptionalInt transact(Function<Map<String, ChannelHead>, List<TransactWriteItem>> writesFromHeads, List<PendingEvent> events,
            HeadChange change) {
        if (events.isEmpty()) {
            return dynamo.tryTransact(writesFromHeads.apply(Map.of()));
        }
        Map<String, List<PendingEvent>> byChannel = byChannel(events);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, ChannelHead> heads = guessHeads(byChannel.keySet());
            List<TransactWriteItem> writes = writesFromHeads.apply(heads);
            if (writes.size() + itemCount(events) > Dynamo.TRANSACTION_LIMIT) {
                throw new IllegalArgumentException(writes.size() + " writes and " + events.size() + " events exceed one transaction");
            }
            List<TransactWriteItem> all = new ArrayList<>(writes);
            Map<Integer, String> headPositions = new HashMap<>();
            Map<String, ChannelHead> newHeads = new LinkedHashMap<>();
            Instant now = clock.instant();
            byChannel.forEach((channelId, channelEvents) -> {
                headPositions.put(all.size(), channelId);
                HeadWrites head = new HeadWrites(dynamo, turns, channelId, heads.get(channelId), channelEvents, change, now, retention);
                newHeads.put(channelId, head.after());
                all.addAll(head.items());
            });
            OptionalInt failed = dynamo.tryTransact(all);
            if (failed.isEmpty()) {
                committed(now, byChannel, newHeads);
                return failed;
            }
            String staleChannel = headPositions.get(failed.getAsInt());
            if (staleChannel == null) {
                return failed; // one of the caller's conditions
            }
            recentHeads.forget(staleChannel);
            if (attempt > 1 && attempt < ATTEMPTS) {
                // Not only a stale guess: others append to this channel right now. Step aside a little.
                Backoff.before(attempt - 1, true);
            }
        }
        throw ParleyException.conflict("The channel is busy; try again");
    }

    /** Like {@link Dynamo#transact}: a failed condition of the caller's writes becomes the error it means. */
    public void transact(List<TransactWriteItem> writes, List<PendingEvent> events, IntFunction<RuntimeException> errorForFailedItem) {
        OptionalInt failed = transact(writes, events);
        if (failed.isPresent()) {
            throw errorForFailedItem.apply(failed.getAsInt());
        }
    }

    /**
     * Commits one channel's change built from its head (as remembered on this pod, else read): empty
     * when committed, else the meaning of the writer's item whose condition failed, or {@link #CLOSED}
     * when the commit needed the channel open and it is archived. When the head moved (another pod
     * appended), the change is built again on the head as the failure found it, taking turns with the
     * other pod ({@link HeadContention}, {@link HeadTurns}), for up to {@link #APPEND_DEADLINE}; then CONFLICT.
     */
    public Optional<Object> append(String channelId, Function<ChannelHead, Commit> build) {
        Instant deadline = clock.instant().plus(APPEND_DEADLINE);
        try (HeadContention.Contest contest = contention.contest(channelId)) {
            while (true) {
                contest.beforeCommit();
                ChannelHead head = guessHeads(List.of(channelId)).get(channelId);
                Commit commit = build.apply(head);
                long started = System.nanoTime();
                Instant now = clock.instant();
                HeadWrites headWrites = new HeadWrites(dynamo, turns, channelId, head, commit.events(), commit.head(), now, retention);
                List<Guarded> all = new ArrayList<>(commit.writes());
                all.add(Guarded.of(headWrites.items().get(0), HEAD_MOVED));
                headWrites.items().subList(1, headWrites.items().size()).forEach(event -> all.add(Guarded.plain(event)));
                Optional<Dynamo.Refusal> refused = dynamo.tryGuarded(all);
                if (refused.isEmpty()) {
                    contest.committed(System.nanoTime() - started);
                    committed(now, Map.of(channelId, commit.events()), Map.of(channelId, headWrites.after()));
                    return Optional.empty();
                }
                if (refused.get().meaning() != HEAD_MOVED) {
                    return Optional.of(refused.get().meaning());
                }
                recentHeads.forget(channelId);
                // The head as the failure found it (no read: a pod that reads first is a round trip late against
                // one that commits back to back, and would lose every try until the deadline); read when not given.
                Map<String, AttributeValue> old = refused.get().old();
                ChannelHead found = !old.isEmpty() ? EventItems.headOf(old) : channelHeads(List.of(channelId)).get(channelId);
                ChannelHead next = contest.refused(head, found, old, System.nanoTime() - started);
                recentHeads.remember(channelId, next);
                if (commit.head().requireOpen() && next.archived()) {
                    return Optional.of(CLOSED);
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw ParleyException.conflict("The channel is busy; try again");
                }
            }
        }
    }

    /** Each channel's head: its last sequence and that event's time ({@link LogPosition#START} for a channel with no events yet). */
    public Map<String, LogPosition> heads(Collection<String> channelIds) {
        Map<String, LogPosition> positions = new LinkedHashMap<>();
        channelHeads(channelIds).forEach((channelId, head) -> positions.put(channelId, head.position()));
        return positions;
    }

    /** Each channel's whole head ({@link ChannelHead#EMPTY} for a channel with no events yet), in one consistent batch read. */
    public Map<String, ChannelHead> channelHeads(Collection<String> channelIds) {
        Map<String, ChannelHead> heads = new LinkedHashMap<>();
        channelIds.forEach(channelId -> heads.put(channelId, ChannelHead.EMPTY));
        dynamo.getAll(Table.CHANNEL_EVENTS, heads.keySet().stream().map(EventItems::headKey).toList())
                .forEach(item -> heads.put(str(item, EventItems.CHANNEL), EventItems.headOf(item)));
        heads.forEach(recentHeads::remember);
        return heads;
    }

    /** What this pod remembers; the heads it does not know are read in one consistent batch. */
    private Map<String, ChannelHead> guessHeads(Collection<String> channelIds) {
        Map<String, ChannelHead> guesses = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String channelId : channelIds) {
            ChannelHead known = recentHeads.get(channelId);
            if (known == null) {
                unknown.add(channelId);
            } else {
                guesses.put(channelId, known);
            }
        }
        if (!unknown.isEmpty()) {
            guesses.putAll(channelHeads(unknown));
        }
        return guesses;
    }

    private void committed(Instant startedAt, Map<String, List<PendingEvent>> byChannel, Map<String, ChannelHead> newHeads) {
        warnIfSlow(startedAt);
        announce(byChannel, newHeads);
    }

    private void warnIfSlow(Instant startedAt) {
        Duration took = Duration.between(startedAt, clock.instant());
        if (took.compareTo(SETTLE_TIME) > 0) {
            LOG.warnf("Appending events took %d ms, longer than the settle time (%d ms) that resuming relies on",
                    took.toMillis(), SETTLE_TIME.toMillis());
        }
    }

    /** Tells every pod the channels' new heads, and the people who joined which channel at which event. */
    private void announce(Map<String, List<PendingEvent>> byChannel, Map<String, ChannelHead> newHeads) {
        byChannel.forEach((channelId, events) -> {
            ChannelHead head = newHeads.get(channelId);
            long first = head.seq() - events.size() + 1;
            recentHeads.remember(channelId, head);
            bus.publish(LiveBus.channelTopic(channelId), EventNotice.encode(events, head.position()));
            bus.publish(LiveBus.logTopic(LogPartitions.of(channelId)), channelId + ":" + head.seq());
            for (int i = 0; i < events.size(); i++) {
                PendingEvent event = events.get(i);
                if (event.type() == EventType.MEMBER_JOINED) {
                    bus.publish(LiveBus.userTopic(event.userId()), "joined:" + channelId + ":" + (first + i));
                }
            }
        });
    }

    private static Map<String, List<PendingEvent>> byChannel(List<PendingEvent> events) {
        Map<String, List<PendingEvent>> byChannel = new LinkedHashMap<>();
        for (PendingEvent event : events) {
            if (!event.type().durable()) {
                throw new IllegalArgumentException(event.type() + " is not kept in the event log");
            }
            byChannel.computeIfAbsent(event.channelId(), id -> new ArrayList<>()).add(event);
        }
        return byChannel;
    }
}
