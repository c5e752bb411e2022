package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.Map;

import dev.parley.channel.ChannelStore;
import dev.parley.message.MessageStore;
import dev.parley.platform.dynamodb.Dynamo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the ChannelEvents table. Snapshots of messages and channels are nested maps in the
 * very form their own tables store, so one mapping serves both.
 */
final class EventItems {

    static final String CHANNEL = "channelId";
    static final String SEQ = "seq";
    static final String LAST_SEQ = "lastSeq";
    static final String AT = "at";
    /** The head item's sequence: events start at 1. */
    static final long HEAD_SEQ = 0;

    private EventItems() {
    }

    static Map<String, AttributeValue> key(String channelId, long seq) {
        return Map.of(CHANNEL, s(channelId), SEQ, n(seq));
    }

    static Map<String, AttributeValue> headKey(String channelId) {
        return key(channelId, HEAD_SEQ);
    }

    static Map<String, AttributeValue> toItem(PendingEvent event, long seq, Instant at, Instant expiresAt) {
        return Dynamo.item(
                CHANNEL, s(event.channelId()),
                SEQ, n(seq),
                "type", s(event.type().name()),
                AT, time(at),
                "actorId", s(event.actorId()),
                "userId", event.userId() == null ? null : s(event.userId()),
                "emoji", event.emoji() == null ? null : s(event.emoji()),
                "readMessageId", event.readMessageId() == null ? null : s(event.readMessageId()),
                "message", event.message() == null ? null : AttributeValue.fromM(MessageStore.toItem(event.message())),
                "channel", event.channel() == null ? null : AttributeValue.fromM(ChannelStore.toItem(event.channel())),
                "expiresAt", n(expiresAt.getEpochSecond()));
    }

    static ChannelEvent fromItem(Map<String, AttributeValue> item) {
        AttributeValue message = item.get("message");
        AttributeValue channel = item.get("channel");
        return new ChannelEvent(str(item, CHANNEL), num(item, SEQ), EventType.valueOf(str(item, "type")), time(item, AT),
                str(item, "actorId"), str(item, "userId"),
                message == null ? null : MessageStore.fromItem(message.m()),
                str(item, "emoji"),
                channel == null ? null : ChannelStore.fromItem(channel.m()),
                str(item, "readMessageId"));
    }
}
