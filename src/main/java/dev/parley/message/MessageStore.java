package dev.parley.message;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.UniqueKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Messages (partition per channel, sorted by time-ordered id). A sender's clientMessageId is a
 * UniqueKeys claim written with the message, so a retry — even a concurrent one — finds the first
 * message instead of storing a second.
 */
@ApplicationScoped
public class MessageStore {

    private static final String CHANNEL = "channelId";
    private static final String ID = "messageId";

    private final Dynamo dynamo;
    private final UniqueKeys uniqueKeys;

    public MessageStore(Dynamo dynamo, UniqueKeys uniqueKeys) {
        this.dynamo = dynamo;
        this.uniqueKeys = uniqueKeys;
    }

    /** The writes that store a new message: the clientMessageId claim first, then the message. */
    public List<TransactWriteItem> sending(Message message) {
        return List.of(
                uniqueKeys.claim(clientKey(message.authorId(), message.clientMessageId()), message.channelId() + "#" + message.id()),
                dynamo.putNew(Table.MESSAGES, Dynamo.item(
                        CHANNEL, s(message.channelId()),
                        ID, s(message.id()),
                        "userId", s(message.authorId()),
                        "text", s(message.text()),
                        "createdAt", time(message.createdAt()),
                        "clientMessageId", s(message.clientMessageId()),
                        "deleted", Items.bool(false))));
    }

    /** The message a sender already sent with this clientMessageId, if any. */
    public Optional<Message> findSent(String authorId, String clientMessageId) {
        return uniqueKeys.ownerOf(clientKey(authorId, clientMessageId)).flatMap(owner -> {
            String[] channelAndMessage = owner.split("#", 2);
            return get(channelAndMessage[0], channelAndMessage[1]);
        });
    }

    public Optional<Message> get(String channelId, String messageId) {
        return dynamo.get(Table.MESSAGES, Items.key(CHANNEL, channelId, ID, messageId)).map(MessageStore::fromItem);
    }

    /** A message from its id alone, through MessageIdIndex. */
    public Optional<Message> find(String messageId) {
        return dynamo.query(dynamo.partitionAfter(Table.MESSAGES, "MessageIdIndex", messageId, null).build(), 1)
                .items().stream().findFirst().map(MessageStore::fromItem);
    }

    /** Top-level messages before {@code beforeId} (null: the newest), newest first. */
    public Page<Message> history(String channelId, String beforeId, int limit) {
        var query = dynamo.queryOn(Table.MESSAGES).scanIndexForward(false);
        if (beforeId == null) {
            query.keyConditionExpression("channelId = :c").expressionAttributeValues(Map.of(":c", s(channelId)));
        } else {
            query.keyConditionExpression("channelId = :c AND messageId < :before")
                    .expressionAttributeValues(Map.of(":c", s(channelId), ":before", s(beforeId)));
        }
        return dynamo.query(query.build(), limit, item -> !item.containsKey("threadId")).map(MessageStore::fromItem);
    }

    /** Replaces the text if the message is still the author's and not deleted; empty if it is not. */
    public Optional<Message> edit(Message message, String text, Instant editedAt) {
        try {
            return Optional.of(fromItem(dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.MESSAGES))
                    .key(Items.key(CHANNEL, message.channelId(), ID, message.id()))
                    .updateExpression("SET #t = :t, editedAt = :at")
                    .conditionExpression("userId = :author AND deleted = :no")
                    .expressionAttributeNames(Map.of("#t", "text"))
                    .expressionAttributeValues(Map.of(":t", s(text), ":at", time(editedAt), ":author", s(message.authorId()),
                            ":no", Items.bool(false)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            return Optional.empty();
        }
    }

    /** Soft delete: the item stays (id, author, time) without its text. */
    public Message tombstone(Message message) {
        return fromItem(dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.MESSAGES))
                .key(Items.key(CHANNEL, message.channelId(), ID, message.id()))
                .updateExpression("SET deleted = :yes REMOVE #t")
                .conditionExpression("attribute_exists(messageId)")
                .expressionAttributeNames(Map.of("#t", "text"))
                .expressionAttributeValues(Map.of(":yes", Items.bool(true)))
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }

    private static String clientKey(String authorId, String clientMessageId) {
        return "client-message#" + authorId + "#" + clientMessageId;
    }

    static Message fromItem(Map<String, AttributeValue> item) {
        return new Message(str(item, ID), str(item, CHANNEL), str(item, "userId"), str(item, "text"), time(item, "createdAt"),
                time(item, "editedAt"), Items.bool(item, "deleted"), str(item, "threadId"), str(item, "clientMessageId"));
    }
}
