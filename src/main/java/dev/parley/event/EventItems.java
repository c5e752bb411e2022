package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import dev.parley.channel.ChannelStore;
import dev.parley.message.Message;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the ChannelEvents table. A message event names its message ({@code messageId}; the
 * channel is the partition) and never holds its text; a channel snapshot is a nested map in the form
 * the Channels table stores.
 */
final class EventItems {

    static final String CHANNEL = "channelId";
    static final String SEQ = "seq";
    static final String LAST_SEQ = "lastSeq";
    static final String LAST_AT = "lastAt";
    static final String AT = "at";
    static final String ORDINAL = "ordinal";
    static final String LAST_MESSAGE_ID = "lastMessageId";
    static final String LAST_MESSAGE_AT = "lastMessageAt";
    static final String ARCHIVED = "archived";
    private static final String MESSAGE_ID = "messageId";
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

    /** The head's {@code lastSeq} and {@code lastAt} (the time of that last event; missing on heads older than it), and the rest of it. */
    static ChannelHead headOf(Map<String, AttributeValue> head) {
        return new ChannelHead(new LogPosition(num(head, LAST_SEQ), time(head, LAST_AT)), num(head, ORDINAL), str(head, LAST_MESSAGE_ID),
                time(head, LAST_MESSAGE_AT), Items.bool(head, ARCHIVED));
    }

    static Map<String, AttributeValue> toItem(PendingEvent event, long seq, Instant at, Instant expiresAt) {
        return Dynamo.item(
                CHANNEL, s(event.channelId()),
                SEQ, n(seq),
                "type", s(event.type().name()),
                AT, time(at),
                "actorId", s(event.actorId()),
                "userId", event.userId() == null ? null : s(event.userId()),
                MESSAGE_ID, event.messageId() == null ? null : s(event.messageId()),
                "emoji", event.emoji() == null ? null : s(event.emoji()),
                "readMessageId", event.readMessageId() == null ? null : s(event.readMessageId()),
                "channel", event.channel() == null ? null : AttributeValue.fromM(ChannelStore.toItem(event.channel())),
                "expiresAt", n(expiresAt.getEpochSecond()));
    }

    /** The message an event is about, or null. */
    static String messageId(Map<String, AttributeValue> item) {
        String id = str(item, MESSAGE_ID);
        AttributeValue snapshot = item.get("message");
        // Events written before the log kept references carried a whole snapshot: only its id is used.
        return id != null || snapshot == null || !snapshot.hasM() ? id : str(snapshot.m(), MESSAGE_ID);
    }

    /** The event, with its message taken from {@code messages} (by id): as it is now, not as it was. */
    static ChannelEvent fromItem(Map<String, AttributeValue> item, Function<String, Message> messages) {
        String messageId = messageId(item);
        AttributeValue channel = item.get("channel");
        return new ChannelEvent(str(item, CHANNEL), num(item, SEQ), EventType.valueOf(str(item, "type")), time(item, AT),
                str(item, "actorId"), str(item, "userId"),
                messageId == null ? null : messages.apply(messageId),
                str(item, "emoji"),
                channel == null ? null : ChannelStore.fromItem(channel.m()),
                str(item, "readMessageId"));
    }
}
