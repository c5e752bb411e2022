package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the log's consumers read of {@link ChannelEventLog}: a channel's events after a sequence,
 * the channels of a log partition that changed since a time, and where a channel's log stood at a
 * time. Appending (and the heads it keeps) is the log's own.
 */
@ApplicationScoped
public class ChannelEventReads {

    private final Dynamo dynamo;
    private final MessageStore messages;

    public ChannelEventReads(Dynamo dynamo, MessageStore messages) {
        this.dynamo = dynamo;
        this.messages = messages;
    }

    /**
     * Up to {@code limit} events of the channel after {@code afterSeq}, oldest first (strongly
     * consistent), each with its message as it is now: the page's messages are read in one batch
     * (one BatchGetItem for a page of up to 100 events), so a deleted message comes as its tombstone
     * and an edited one with its current text, whatever the event.
     */
    public List<ChannelEvent> read(String channelId, long afterSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var query = dynamo.queryOn(Table.CHANNEL_EVENTS).consistentRead(true)
                .keyConditionExpression("#c = :c AND #seq > :after")
                .expressionAttributeNames(Map.of("#c", EventItems.CHANNEL, "#seq", EventItems.SEQ))
                .expressionAttributeValues(Map.of(":c", s(channelId), ":after", n(Math.max(afterSeq, EventItems.HEAD_SEQ))));
        List<Map<String, AttributeValue>> items = dynamo.query(query.build(), limit).items();
        Map<String, Message> current = messages.byId(channelId,
                items.stream().map(EventItems::messageId).filter(Objects::nonNull).distinct().toList());
        return items.stream().map(item -> EventItems.fromItem(item, current::get)).toList();
    }

    /**
     * The heads of the partition's channels whose last event is at or after {@code since} (null: all),
     * by channel: what a log consumer looks at to find channels it has not caught up with. Read through
     * PartitionHeadsIndex, so eventually consistent: callers look back further than the index lags.
     */
    public Map<String, LogPosition> headsChangedSince(String partition, Instant since) {
        var query = dynamo.queryOn(Table.CHANNEL_EVENTS, "PartitionHeadsIndex")
                .keyConditionExpression("#p = :p AND #at >= :since")
                .expressionAttributeNames(Map.of("#p", "logPartition", "#at", EventItems.LAST_AT))
                .expressionAttributeValues(Map.of(":p", s(partition), ":since", since == null ? s("0") : time(since)));
        Map<String, LogPosition> heads = new LinkedHashMap<>();
        dynamo.queryAll(query.build()).forEach(item -> heads.put(str(item, EventItems.CHANNEL), EventItems.headOf(item).position()));
        return heads;
    }

    /**
     * The channel's position at {@code time}: the last event that happened at or before it
     * ({@link LogPosition#START} if none is kept). Reads newest first, keys and times only, until the
     * first such event.
     */
    public LogPosition positionAt(String channelId, Instant time) {
        var query = dynamo.queryOn(Table.CHANNEL_EVENTS).consistentRead(true).scanIndexForward(false)
                .keyConditionExpression("#c = :c AND #seq > :head")
                .projectionExpression("#seq, #at")
                .expressionAttributeNames(Map.of("#c", EventItems.CHANNEL, "#seq", EventItems.SEQ, "#at", EventItems.AT))
                .expressionAttributeValues(Map.of(":c", s(channelId), ":head", n(EventItems.HEAD_SEQ)));
        return dynamo.query(query.build(), 1, item -> !Items.time(item, EventItems.AT).isAfter(time)).items().stream()
                .findFirst().map(item -> new LogPosition(num(item, EventItems.SEQ), Items.time(item, EventItems.AT)))
                .orElse(LogPosition.START);
    }
}
