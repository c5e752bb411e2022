package dev.parley.message;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Messages (partition per channel, sorted by time-ordered id; replies also through ThreadIndex) and
 * their reactions. A sender's clientMessageId is a UniqueKeys claim written with the message, so a
 * retry — even a concurrent one — finds the first message instead of storing a second; another
 * UniqueKeys item, written with it too, maps the message's id to its channel, so that a message is
 * found from its id alone through base-table keys, strongly consistent (an index is not, on AWS). Reactions are kept twice, written together: one Reactions
 * item per (message, emoji, person), and a string set {@code r:<emoji>} on the message, so a page of
 * messages carries its reactions without a read per message.
 */
@ApplicationScoped
public class MessageStore {

    private static final String CHANNEL = MessageItems.CHANNEL;
    private static final String ID = MessageItems.ID;
    private static final String REACTION_PREFIX = MessageItems.REACTION_PREFIX;
    /** How many different emoji a message carries (its {@code r:} sets), for the cap. */
    private static final String REACTION_KINDS = "reactionKinds";

    private final Dynamo dynamo;
    private final UniqueKeys uniqueKeys;

    public MessageStore(Dynamo dynamo, UniqueKeys uniqueKeys) {
        this.dynamo = dynamo;
        this.uniqueKeys = uniqueKeys;
    }

    /** The writes that store a new message: the clientMessageId claim first, then the message, then its id's channel. */
    public List<TransactWriteItem> sending(Message message) {
        return List.of(
                uniqueKeys.claim(clientKey(message.authorId(), message.clientMessageId()), message.channelId() + "#" + message.id()),
                dynamo.putNew(Table.MESSAGES, MessageItems.toItem(message)),
                uniqueKeys.claim(idKey(message.id()), message.channelId()));
    }

    /** A reply was added to {@code root}: count it, remember who replied. ADD keeps it exact under concurrency. */
    public TransactWriteItem replying(Message root, String replierId, Instant at) {
        return dynamo.update(Table.MESSAGES, key(root), "ADD replyCount :one, replyUsers :who SET lastReplyAt = :at", Map.of(),
                Map.of(":one", n(1), ":who", AttributeValue.fromSs(List.of(replierId)), ":at", time(at)),
                "attribute_exists(messageId)");
    }

    /**
     * {@code reply} of {@code root} is being deleted: one reply fewer; its author leaves replyUsers unless
     * another of {@code stillLive} (the root's other live replies) is theirs; if it was the newest,
     * lastReplyAt becomes the newest of the others (or goes). Only if replyCount is still what
     * {@code root} says: a concurrent reply or deletion fails the condition, and the caller reads again.
     */
    public TransactWriteItem unreplying(Message root, Message reply, List<Message> stillLive) {
        List<String> set = new ArrayList<>(List.of("replyCount = replyCount - :one"));
        List<String> remove = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":count", n(root.replyCount())));
        if (stillLive.stream().noneMatch(other -> other.authorId().equals(reply.authorId()))) {
            delete.add("replyUsers :who");
            values.put(":who", AttributeValue.fromSs(List.of(reply.authorId())));
        }
        if (root.lastReplyAt() == null || !reply.createdAt().isBefore(root.lastReplyAt())) {
            Optional<Instant> newest = stillLive.stream().map(Message::createdAt).max(Instant::compareTo);
            if (newest.isPresent()) {
                set.add("lastReplyAt = :newest");
                values.put(":newest", time(newest.get()));
            } else {
                remove.add("lastReplyAt");
            }
        }
        String expression = "SET " + String.join(", ", set)
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove))
                + (delete.isEmpty() ? "" : " DELETE " + String.join(", ", delete));
        return dynamo.update(Table.MESSAGES, key(root), expression, Map.of(), values, "replyCount = :count");
    }

    /** The message a sender already sent with this clientMessageId, if any. */
    public Optional<Message> findSent(String authorId, String clientMessageId) {
        return uniqueKeys.ownerOf(clientKey(authorId, clientMessageId)).flatMap(owner -> {
            String[] channelAndMessage = owner.split("#", 2);
            return get(channelAndMessage[0], channelAndMessage[1]);
        });
    }

    public Optional<Message> get(String channelId, String messageId) {
        return dynamo.get(Table.MESSAGES, Items.key(CHANNEL, channelId, ID, messageId)).map(MessageItems::fromItem);
    }

    /** Messages by (channel, id) in one batch read, in the order asked. */
    public List<Message> getAll(List<Map.Entry<String, String>> channelAndMessageIds) {
        Map<String, Message> byId = new HashMap<>();
        dynamo.getAll(Table.MESSAGES, channelAndMessageIds.stream().map(k -> Items.key(CHANNEL, k.getKey(), ID, k.getValue())).toList())
                .forEach(item -> byId.put(str(item, ID), MessageItems.fromItem(item)));
        return channelAndMessageIds.stream().map(k -> byId.get(k.getValue())).toList();
    }

    /** Messages of one channel by id, in one consistent batch read per 100 (none asked: no call); missing ones are left out. */
    public Map<String, Message> byId(String channelId, Collection<String> messageIds) {
        return byId(Map.of(channelId, messageIds));
    }

    /** Messages of several channels by id (message ids, by channel id), in one batch read. */
    public Map<String, Message> byId(Map<String, ? extends Collection<String>> messageIdsByChannel) {
        Map<String, Message> byId = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        messageIdsByChannel.forEach((channelId, ids) -> ids.forEach(id -> keys.add(Items.key(CHANNEL, channelId, ID, id))));
        dynamo.getAll(Table.MESSAGES, keys).forEach(item -> byId.put(str(item, ID), MessageItems.fromItem(item)));
        return byId;
    }

    /**
     * The replies of a thread that are not deleted, oldest first. ThreadIndex lists them; their state
     * comes from a consistent read of the replies themselves (an index may lag behind a deletion).
     */
    public List<Message> liveReplies(Message root) {
        List<String> ids = dynamo.queryAll(dynamo.partitionAfter(Table.MESSAGES, "ThreadIndex", root.id(), null)
                .projectionExpression(ID).build()).stream().map(item -> str(item, ID)).toList();
        Map<String, Message> replies = byId(root.channelId(), ids);
        return ids.stream().map(replies::get).filter(reply -> reply != null && !reply.deleted()).toList();
    }

    /**
     * A message from its id alone, as stored now: its channel from the id's UniqueKeys item, then the
     * message (two consistent GetItems). Messages stored before those items existed are located
     * through MessageIdIndex, then read consistently.
     */
    public Optional<Message> find(String messageId) {
        Optional<String> channelId = uniqueKeys.ownerOf(idKey(messageId));
        if (channelId.isPresent()) {
            return get(channelId.get(), messageId);
        }
        return dynamo.query(dynamo.partitionAfter(Table.MESSAGES, "MessageIdIndex", messageId, null).projectionExpression(CHANNEL).build(), 1)
                .items().stream().findFirst().flatMap(item -> get(str(item, CHANNEL), messageId));
    }

    public Page<Message> history(String channelId, String beforeId, int limit) {
        var query = dynamo.queryOn(Table.MESSAGES).scanIndexForward(false);
        if (beforeId == null) {
            query.keyConditionExpression("channelId = :c").expressionAttributeValues(Map.of(":c", s(channelId)));
        } else {
            query.keyConditionExpression("channelId = :c AND messageId < :before")
                    .expressionAttributeValues(Map.of(":c", s(channelId), ":before", s(beforeId)));
        }
        return dynamo.query(query.build(), limit, item -> !item.containsKey("threadId")).map(MessageItems::fromItem);
    }

    /** Replies of a thread after {@code afterId}, oldest first. */
    public Page<Message> replies(String rootId, String afterId, int limit) {
        return dynamo.query(dynamo.partitionAfter(Table.MESSAGES, "ThreadIndex", rootId, afterId).build(), limit)
                .map(MessageItems::fromItem);
    }

    /** Every live top-level message after {@code afterId} in a channel (what is unread after a read marker). */
    public List<Message> topLevelAfter(String channelId, String afterId) {
        return dynamo.queryAll(dynamo.partitionAfter(Table.MESSAGES, null, channelId, afterId).build()).stream()
                .filter(item -> !item.containsKey("threadId") && !Items.bool(item, "deleted"))
                .map(MessageItems::fromItem).toList();
    }

    /** Replaces the text, as a transaction item, if the message is still the author's and not deleted. */
    public TransactWriteItem editing(Message message, String text, Instant editedAt) {
        return dynamo.update(Table.MESSAGES, key(message), "SET #t = :t, editedAt = :at", Map.of("#t", "text"),
                Map.of(":t", s(text), ":at", time(editedAt), ":author", s(message.authorId()), ":no", Items.bool(false)),
                "userId = :author AND deleted = :no");
    }

    /** Soft delete, as a transaction item: text, mentions, reactions and files go; id, author, time and thread stay. */
    public TransactWriteItem tombstoning(Message message) {
        List<String> removed = new ArrayList<>(List.of("#t", "mentions", "#k", "fileIds"));
        Map<String, String> names = new HashMap<>(Map.of("#t", "text", "#k", REACTION_KINDS));
        int i = 0;
        for (String emoji : message.reactionUsers().keySet()) {
            names.put("#r" + i, REACTION_PREFIX + emoji);
            removed.add("#r" + i++);
        }
        return dynamo.update(Table.MESSAGES, key(message), "SET deleted = :yes, mentionsChannel = :no REMOVE " + String.join(", ", removed),
                names, Map.of(":yes", Items.bool(true), ":no", Items.bool(false)), "deleted = :no");
    }

    /**
     * Adds the caller's reaction. The first item fails when it is there already; the second when the
     * message changed since {@code message} was read (deleted, or this emoji appeared or went) or, for
     * an emoji new to it, when it carries {@code maxKinds} emoji already: {@code reactionKinds} counts
     * them, changed in the same writes (from the emoji read when a message has no count yet).
     */
    public List<TransactWriteItem> reacting(Message message, String emoji, String userId, Instant at, int maxKinds) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", AttributeValue.fromSs(List.of(userId)), ":no", Items.bool(false)));
        TransactWriteItem onMessage;
        if (message.reactionUsers().containsKey(emoji)) {
            onMessage = dynamo.update(Table.MESSAGES, key(message), "ADD #r :u", Map.of("#r", REACTION_PREFIX + emoji), values,
                    "deleted = :no AND attribute_exists(#r)");
        } else {
            values.putAll(Map.of(":had", n(message.reactionUsers().size()), ":one", n(1), ":max", n(maxKinds)));
            onMessage = dynamo.update(Table.MESSAGES, key(message), "ADD #r :u SET #k = if_not_exists(#k, :had) + :one",
                    Map.of("#r", REACTION_PREFIX + emoji, "#k", REACTION_KINDS), values,
                    "deleted = :no AND attribute_not_exists(#r) AND (attribute_not_exists(#k) OR #k < :max)");
        }
        return List.of(
                dynamo.putNew(Table.REACTIONS, Dynamo.item(ID, s(message.id()), "reactionKey", s(emoji + "#" + userId),
                        "emoji", s(emoji), "userId", s(userId), "createdAt", time(at))),
                onMessage);
    }

    /**
     * Removes the caller's reaction. The first item fails when there is none; the second when the
     * message changed since it was read (whether the caller is the emoji's last one is decided by the read).
     */
    public List<TransactWriteItem> unreacting(Message message, String emoji, String userId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", AttributeValue.fromSs(List.of(userId)), ":one", n(1)));
        TransactWriteItem onMessage;
        if (message.reactionUsers().getOrDefault(emoji, List.of()).equals(List.of(userId))) {
            values.putAll(Map.of(":had", n(message.reactionUsers().size()), ":me", s(userId)));
            onMessage = dynamo.update(Table.MESSAGES, key(message), "DELETE #r :u SET #k = if_not_exists(#k, :had) - :one",
                    Map.of("#r", REACTION_PREFIX + emoji, "#k", REACTION_KINDS), values, "size(#r) = :one AND contains(#r, :me)");
        } else {
            onMessage = dynamo.update(Table.MESSAGES, key(message), "DELETE #r :u", Map.of("#r", REACTION_PREFIX + emoji), values,
                    "size(#r) > :one");
        }
        return List.of(
                dynamo.delete(Table.REACTIONS, Items.key(ID, message.id(), "reactionKey", emoji + "#" + userId),
                        "attribute_exists(reactionKey)", Map.of(), Map.of()),
                onMessage);
    }

    /** The Reactions items of a deleted message (its string sets went with the tombstone). */
    public void forgetReactions(Message message) {
        message.reactionUsers().forEach((emoji, users) -> users.forEach(userId -> dynamo.client().deleteItem(b -> b
                .tableName(dynamo.name(Table.REACTIONS)).key(Items.key(ID, message.id(), "reactionKey", emoji + "#" + userId)))));
    }

    private static Map<String, AttributeValue> key(Message message) {
        return Items.key(CHANNEL, message.channelId(), ID, message.id());
    }

    private static String idKey(String messageId) {
        return "message#" + messageId;
    }

    private static String clientKey(String authorId, String clientMessageId) {
        return "client-message#" + authorId + "#" + clientMessageId;
    }
}
