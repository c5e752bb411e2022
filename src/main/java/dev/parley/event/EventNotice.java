package dev.parley.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.message.Message;
import dev.parley.message.MessageItems;
import dev.parley.platform.dynamodb.AttributeJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a channel's Redis notice says about a commit: the channel's new last sequence and, when they
 * are small enough and fully known to the writer, the committed events themselves, so a pod hands
 * them on without reading the log. Inline: {@code {"seq": n, "events": [{"event": item, "message":
 * item}]}} in DynamoDB's JSON form of the log's and the Messages table's items. Otherwise a pointer:
 * the sequence as decimal text, and readers read the log.
 *
 * @param events the commit's events, oldest first, ending at {@code seq}; empty for a pointer
 */
public record EventNotice(long seq, List<ChannelEvent> events) {

    /** Notices larger than this go as a pointer (Redis handles them fine, but every pod holds them briefly). */
    static final int INLINE_LIMIT = 32 * 1024;

    public boolean inline() {
        return !events.isEmpty();
    }

    /**
     * The notice of {@code events} committed to one channel, the last at {@code head}: inline when each
     * message event carries the message as the commit leaves it ({@link PendingEvent#committed}), a
     * pointer otherwise.
     */
    static String encode(List<PendingEvent> events, LogPosition head) {
        JsonArray inline = new JsonArray();
        long first = head.seq() - events.size() + 1;
        for (int i = 0; i < events.size(); i++) {
            PendingEvent event = events.get(i);
            if (event.messageId() != null && event.committed() == null) {
                return Long.toString(head.seq());
            }
            Instant at = head.at().minusMillis(events.size() - 1 - i);
            JsonObject entry = new JsonObject().put("event", AttributeJson.of(EventItems.toItem(event, first + i, at, at)));
            if (event.committed() != null) {
                entry.put("message", AttributeJson.of(MessageItems.toItem(event.committed())));
            }
            inline.add(entry);
        }
        String notice = new JsonObject().put("seq", head.seq()).put("events", inline).encode();
        return notice.length() > INLINE_LIMIT ? Long.toString(head.seq()) : notice;
    }

    /** The inverse of {@link #encode}; an inline notice's events as the log would read them, with their messages as committed. */
    public static EventNotice decode(String payload) {
        if (payload.isEmpty() || payload.charAt(0) != '{') {
            return new EventNotice(Long.parseLong(payload.trim()), List.of());
        }
        JsonObject notice = new JsonObject(payload);
        List<ChannelEvent> events = new ArrayList<>();
        for (Object entry : notice.getJsonArray("events")) {
            JsonObject json = (JsonObject) entry;
            Map<String, AttributeValue> item = AttributeJson.item(json.getJsonObject("event"));
            JsonObject message = json.getJsonObject("message");
            Message committed = message == null ? null : MessageItems.fromItem(AttributeJson.item(message));
            events.add(EventItems.fromItem(item, id -> committed));
        }
        return new EventNotice(notice.getLong("seq"), List.copyOf(events));
    }
}
