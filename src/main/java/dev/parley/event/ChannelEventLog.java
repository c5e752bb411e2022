package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.live.LiveBus;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Each channel's durable event log (ChannelEvents). Every change to a channel is committed together
 * with its events: the caller's writes, then per channel one conditional update of the head item
 * ({@code lastSeq} from n to n+k) and the k events with the sequences n+1..n+k. The head's condition
 * is what makes sequences gapless and unique across pods; a stale guess of n fails it, and the
 * transaction is written again with the head read afresh. Once committed, the channels' new heads
 * are announced on {@link LiveBus}.
 */
@ApplicationScoped
public class ChannelEventLog {

    /**
     * Appends to one channel are serialized by its head, so a burst of k at once needs about k
     * rounds; with the growing pauses this bound waits out three to four seconds of contention.
     */
    private static final int ATTEMPTS = 10;
    /** Channels whose last sequence this pod remembers as its next guess. */
    private static final int REMEMBERED_CHANNELS = 10_000;

    private final Dynamo dynamo;
    private final LiveBus bus;
    private final Duration retention;
    private final LastSequences lastSequences = new LastSequences(REMEMBERED_CHANNELS);

    public ChannelEventLog(Dynamo dynamo, LiveBus bus, ParleyConfig config) {
        this.dynamo = dynamo;
        this.bus = bus;
        this.retention = config.events().retention();
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
        if (events.isEmpty()) {
            return dynamo.tryTransact(writes);
        }
        Map<String, List<PendingEvent>> byChannel = byChannel(events);
        if (writes.size() + itemCount(events) > Dynamo.TRANSACTION_LIMIT) {
            throw new IllegalArgumentException(writes.size() + " writes and " + events.size() + " events exceed one transaction");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, Long> lastSeqs = guessLastSeqs(byChannel.keySet());
            List<TransactWriteItem> all = new ArrayList<>(writes);
            Map<Integer, String> headPositions = new HashMap<>();
            Instant at = Instant.now();
            byChannel.forEach((channelId, channelEvents) -> {
                headPositions.put(all.size(), channelId);
                all.addAll(appending(channelId, lastSeqs.get(channelId), channelEvents, at));
            });
            OptionalInt failed = dynamo.tryTransact(all);
            if (failed.isEmpty()) {
                announce(byChannel, lastSeqs);
                return failed;
            }
            String staleChannel = headPositions.get(failed.getAsInt());
            if (staleChannel == null) {
                return failed; // one of the caller's conditions
            }
            lastSequences.forget(staleChannel);
            if (attempt > 1 && attempt < ATTEMPTS) {
                // Not only a stale guess: others append to this channel right now. Step aside a little.
                Dynamo.backOff(attempt - 1, true);
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

    /** Up to {@code limit} events of the channel after {@code afterSeq}, oldest first (strongly consistent). */
    public List<ChannelEvent> read(String channelId, long afterSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var query = dynamo.queryOn(Table.CHANNEL_EVENTS).consistentRead(true)
                .keyConditionExpression("#c = :c AND #seq > :after")
                .expressionAttributeNames(Map.of("#c", EventItems.CHANNEL, "#seq", EventItems.SEQ))
                .expressionAttributeValues(Map.of(":c", s(channelId), ":after", n(Math.max(afterSeq, EventItems.HEAD_SEQ))));
        return dynamo.query(query.build(), limit).items().stream().map(EventItems::fromItem).toList();
    }

    /** The last sequence of each channel (0 for a channel with no events yet). */
    public Map<String, Long> heads(Collection<String> channelIds) {
        Map<String, Long> heads = new LinkedHashMap<>();
        channelIds.forEach(channelId -> heads.put(channelId, EventItems.HEAD_SEQ));
        dynamo.getAll(Table.CHANNEL_EVENTS, heads.keySet().stream().map(EventItems::headKey).toList())
                .forEach(item -> heads.put(str(item, EventItems.CHANNEL), num(item, EventItems.LAST_SEQ)));
        heads.forEach(lastSequences::remember);
        return heads;
    }

    /**
     * The channel's position at {@code time}: the last sequence whose event happened at or before it
     * (0 if none is kept). Reads newest first, keys and times only, until the first such event.
     */
    public long positionAt(String channelId, Instant time) {
        var query = dynamo.queryOn(Table.CHANNEL_EVENTS).consistentRead(true).scanIndexForward(false)
                .keyConditionExpression("#c = :c AND #seq > :head")
                .projectionExpression("#seq, #at")
                .expressionAttributeNames(Map.of("#c", EventItems.CHANNEL, "#seq", EventItems.SEQ, "#at", EventItems.AT))
                .expressionAttributeValues(Map.of(":c", s(channelId), ":head", n(EventItems.HEAD_SEQ)));
        return dynamo.query(query.build(), 1, item -> !Items.time(item, EventItems.AT).isAfter(time)).items().stream()
                .findFirst().map(item -> num(item, EventItems.SEQ)).orElse(EventItems.HEAD_SEQ);
    }

    /** The head update from {@code lastSeq} to {@code lastSeq + k}, then the k events. */
    private List<TransactWriteItem> appending(String channelId, long lastSeq, List<PendingEvent> events, Instant at) {
        long newLastSeq = lastSeq + events.size();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(newLastSeq)));
        String condition = "attribute_not_exists(lastSeq)";
        if (lastSeq != EventItems.HEAD_SEQ) {
            values.put(":prev", n(lastSeq));
            condition = "lastSeq = :prev";
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(dynamo.update(Table.CHANNEL_EVENTS, EventItems.headKey(channelId), "SET lastSeq = :n", Map.of(), values, condition));
        Instant expiresAt = at.plus(retention);
        for (int i = 0; i < events.size(); i++) {
            items.add(dynamo.put(Table.CHANNEL_EVENTS, EventItems.toItem(events.get(i), lastSeq + 1 + i, at, expiresAt)));
        }
        return items;
    }

    /** What this pod remembers; the heads it does not know are read in one consistent batch. */
    private Map<String, Long> guessLastSeqs(Collection<String> channelIds) {
        Map<String, Long> guesses = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String channelId : channelIds) {
            Long known = lastSequences.get(channelId);
            if (known == null) {
                unknown.add(channelId);
            } else {
                guesses.put(channelId, known);
            }
        }
        if (!unknown.isEmpty()) {
            guesses.putAll(heads(unknown));
        }
        return guesses;
    }

    /** Tells every pod the channels' new heads, and the people who joined which channel at which event. */
    private void announce(Map<String, List<PendingEvent>> byChannel, Map<String, Long> previousLastSeqs) {
        byChannel.forEach((channelId, events) -> {
            long first = previousLastSeqs.get(channelId) + 1;
            long last = first + events.size() - 1;
            lastSequences.remember(channelId, last);
            bus.publish(LiveBus.channelTopic(channelId), Long.toString(last));
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

    /** The last sequence per channel this pod committed or read: right unless another pod appended since. */
    private static final class LastSequences {
        private final Map<String, Long> seqs;

        LastSequences(int capacity) {
            this.seqs = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > capacity;
                }
            });
        }

        Long get(String channelId) {
            return seqs.get(channelId);
        }

        void remember(String channelId, long seq) {
            seqs.merge(channelId, seq, Math::max);
        }

        void forget(String channelId) {
            seqs.remove(channelId);
        }
    }
}
