package dev.parley.message;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A message as the Messages table stores it, both ways (also the form of message snapshots in the event log). */
public final class MessageItems {

    static final String CHANNEL = "channelId";
    static final String ID = "messageId";
    static final String REACTION_PREFIX = "r:";

    private MessageItems() {
    }

    public static Map<String, AttributeValue> toItem(Message message) {
        Map<String, AttributeValue> item = Dynamo.item(
                CHANNEL, s(message.channelId()),
                ID, s(message.id()),
                "userId", s(message.authorId()),
                "text", message.text() == null ? null : s(message.text()),
                "createdAt", time(message.createdAt()),
                "editedAt", message.editedAt() == null ? null : time(message.editedAt()),
                "clientMessageId", message.clientMessageId() == null ? null : s(message.clientMessageId()),
                "deleted", Items.bool(message.deleted()),
                "threadId", message.threadId() == null ? null : s(message.threadId()),
                "replyCount", message.replyCount() == 0 ? null : n(message.replyCount()),
                "lastReplyAt", message.lastReplyAt() == null ? null : time(message.lastReplyAt()),
                "replyUsers", stringSet(message.replyUserIds()),
                "mentionsChannel", Items.bool(message.mentionsChannel()),
                "mentions", stringSet(message.mentionIds()),
                "fileIds", message.fileIds().isEmpty() ? null : AttributeValue.fromL(message.fileIds().stream().map(Items::s).toList()),
                "ordinal", n(message.ordinal()));
        message.reactionUsers().forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                item.put(REACTION_PREFIX + emoji, AttributeValue.fromSs(users));
            }
        });
        return item;
    }

    public static Message fromItem(Map<String, AttributeValue> item) {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(REACTION_PREFIX) && value.hasSs() && !value.ss().isEmpty()) {
                reactions.put(name.substring(REACTION_PREFIX.length()), List.copyOf(value.ss()));
            }
        });
        return new Message(str(item, ID), str(item, CHANNEL), str(item, "userId"), str(item, "text"), time(item, "createdAt"),
                time(item, "editedAt"), Items.bool(item, "deleted"), str(item, "threadId"), (int) Items.num(item, "replyCount"),
                time(item, "lastReplyAt"), strings(item, "replyUsers"), strings(item, "mentions"), Items.bool(item, "mentionsChannel"),
                reactions, str(item, "clientMessageId"), fileIds(item), Items.num(item, "ordinal"));
    }

    /** The attached files' ids, in the order attached (a list, not a set). */
    private static List<String> fileIds(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("fileIds");
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    /** A string set, or null (not stored) when empty: DynamoDB has no empty sets. */
    private static AttributeValue stringSet(List<String> values) {
        return values == null || values.isEmpty() ? null : AttributeValue.fromSs(values);
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? List.of() : List.copyOf(value.ss());
    }
}
