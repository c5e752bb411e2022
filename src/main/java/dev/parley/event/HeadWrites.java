package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items that append k events to one channel's log: the head's conditional update (from what the
 * writer knows of it to k events later, plus the commit's {@link HeadChange}; only while no other
 * pod holds the head's turn, see {@link HeadTurns}) and the k events, a millisecond apart. What the
 * head becomes is {@link #after}.
 */
final class HeadWrites {

    private final ChannelHead after;
    private final List<TransactWriteItem> items = new ArrayList<>();

    HeadWrites(Dynamo dynamo, HeadTurns turns, String channelId, ChannelHead head, List<PendingEvent> events, HeadChange change,
            Instant now, Duration retention) {
        Instant first = now.truncatedTo(ChronoUnit.MILLIS);
        LogPosition position = head.position();
        if (position.at() != null && !first.isAfter(position.at())) {
            first = position.at().truncatedTo(ChronoUnit.MILLIS).plusMillis(1); // another pod's clock was ahead
        }
        LogPosition newPosition = new LogPosition(position.seq() + events.size(), first.plusMillis(events.size() - 1));
        after = new ChannelHead(newPosition, change.ordinal() == null ? head.ordinal() : change.ordinal(),
                change.lastMessageId() == null ? head.lastMessageId() : change.lastMessageId(),
                change.lastMessageAt() == null ? head.lastMessageAt() : change.lastMessageAt(),
                change.archived() == null ? head.archived() : change.archived());
        items.add(headUpdate(dynamo, turns, channelId, head, change));
        for (int i = 0; i < events.size(); i++) {
            Instant at = first.plusMillis(i);
            items.add(dynamo.put(Table.CHANNEL_EVENTS, EventItems.toItem(events.get(i), position.seq() + 1 + i, at, at.plus(retention))));
        }
    }

    ChannelHead after() {
        return after;
    }

    /** The head update first, then the events. */
    List<TransactWriteItem> items() {
        return items;
    }

    private TransactWriteItem headUpdate(Dynamo dynamo, HeadTurns turns, String channelId, ChannelHead head, HeadChange change) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(after.seq()), ":at", time(after.position().at()),
                ":p", s(LogPartitions.of(channelId))));
        // logPartition (with lastAt) keys PartitionHeadsIndex, which the log's consumers read for changed heads.
        List<String> set = new ArrayList<>(List.of(EventItems.LAST_SEQ + " = :n", EventItems.LAST_AT + " = :at", "logPartition = :p"));
        if (change.ordinal() != null) {
            set.add(EventItems.ORDINAL + " = :ordinal");
            values.put(":ordinal", n(change.ordinal()));
        }
        if (change.lastMessageId() != null) {
            set.add(EventItems.LAST_MESSAGE_ID + " = :mid");
            values.put(":mid", s(change.lastMessageId()));
        }
        if (change.lastMessageAt() != null) {
            set.add(EventItems.LAST_MESSAGE_AT + " = :mat");
            values.put(":mat", time(change.lastMessageAt()));
        }
        if (change.archived() != null) {
            set.add(EventItems.ARCHIVED + " = :archived");
            values.put(":archived", Items.bool(change.archived()));
        }
        String condition = "attribute_not_exists(" + EventItems.LAST_SEQ + ")";
        if (head.seq() != EventItems.HEAD_SEQ) {
            values.put(":prev", n(head.seq()));
            condition = EventItems.LAST_SEQ + " = :prev";
        }
        if (change.requireOpen()) {
            values.put(":open", Items.bool(false));
            condition += " AND (attribute_not_exists(" + EventItems.ARCHIVED + ") OR " + EventItems.ARCHIVED + " = :open)";
        }
        condition += " AND " + turns.noOtherTurn(values);
        TransactWriteItem update = dynamo.update(Table.CHANNEL_EVENTS, EventItems.headKey(channelId),
                "SET " + String.join(", ", set) + " " + HeadTurns.endTurn(), Map.of(), values, condition);
        // A head that moved comes back with the failure, so the writer tries again at once with no read.
        return update.toBuilder().update(update.update().toBuilder()
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }
}
