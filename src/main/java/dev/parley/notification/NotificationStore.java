package dev.parley.notification;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Notifications (partition per person, newest last by id). The id is the message's id: never two
 * for one message and person.
 */
@ApplicationScoped
public class NotificationStore {

    private static final String USER = "userId";
    private static final String ID = "notificationId";

    private final Dynamo dynamo;

    public NotificationStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /**
     * Stores each notification unless that person already has it (a conditional put per person), so
     * storing a message's notifications again, as a replayed event does, neither duplicates one nor
     * makes a read one unread: answers those stored now.
     */
    public List<Notification> storeNew(List<Notification> notifications, Instant expiresAt) {
        String table = dynamo.name(Table.NOTIFICATIONS);
        return notifications.stream().filter(n -> {
            try {
                dynamo.client().putItem(b -> b.tableName(table).item(toItem(n, expiresAt)).conditionExpression("attribute_not_exists(notificationId)"));
                return true;
            } catch (ConditionalCheckFailedException already) {
                return false;
            }
        }).toList();
    }

    private static Map<String, AttributeValue> toItem(Notification n, Instant expiresAt) {
        return Dynamo.item(
                USER, s(n.userId()),
                ID, s(n.id()),
                "kind", s(n.kind().name()),
                "messageId", s(n.messageId()),
                "channelId", s(n.channelId()),
                "actorId", s(n.actorId()),
                "createdAt", time(n.createdAt()),
                "read", Items.bool(false),
                "unreadUserId", s(n.userId()),
                "expiresAt", n(expiresAt.getEpochSecond()),
                "expiresAtIso", s(expiresAt.toString()),
                "expiryDay", s(day(expiresAt)));
    }

    /** A person's notifications before {@code beforeId}, newest first; only unread ones through UnreadIndex. */
    public Page<Notification> page(String userId, String beforeId, int limit, boolean unreadOnly) {
        var query = unreadOnly ? dynamo.queryOn(Table.NOTIFICATIONS, "UnreadIndex") : dynamo.queryOn(Table.NOTIFICATIONS);
        String partition = unreadOnly ? "unreadUserId" : USER;
        query.scanIndexForward(false).expressionAttributeNames(Map.of("#pk", partition));
        if (beforeId == null) {
            query.keyConditionExpression("#pk = :u").expressionAttributeValues(Map.of(":u", s(userId)));
        } else {
            query.keyConditionExpression("#pk = :u AND notificationId < :before")
                    .expressionAttributeValues(Map.of(":u", s(userId), ":before", s(beforeId)));
        }
        return dynamo.query(query.build(), limit).map(NotificationStore::fromItem);
    }

    public Optional<Notification> get(String userId, String notificationId) {
        return dynamo.get(Table.NOTIFICATIONS, Items.key(USER, userId, ID, notificationId)).map(NotificationStore::fromItem);
    }

    public Optional<Notification> markRead(String userId, String notificationId) {
        try {
            return Optional.of(fromItem(dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.NOTIFICATIONS))
                    .key(Items.key(USER, userId, ID, notificationId))
                    .updateExpression("SET #r = :yes REMOVE unreadUserId")
                    .conditionExpression("attribute_exists(notificationId)")
                    .expressionAttributeNames(Map.of("#r", "read"))
                    .expressionAttributeValues(Map.of(":yes", Items.bool(true)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException missing) {
            return Optional.empty();
        }
    }

    /** Marks every unread notification of a person read; returns how many there were. */
    public int markAllRead(String userId) {
        List<String> unread = dynamo.queryAll(dynamo.partitionAfter(Table.NOTIFICATIONS, "UnreadIndex", userId, null).build())
                .stream().map(item -> str(item, ID)).toList();
        unread.forEach(id -> markRead(userId, id));
        return unread.size();
    }

    /** Deletes what expired on or before {@code now}, looking back {@code days} days; returns how many. */
    public int deleteExpired(Instant now, int days) {
        int deleted = 0;
        for (int back = days; back >= 0; back--) {
            String day = day(now.minus(java.time.Duration.ofDays(back)));
            List<Map<String, AttributeValue>> expired = dynamo.queryAll(dynamo.queryOn(Table.NOTIFICATIONS, "ExpiryIndex")
                    .keyConditionExpression("expiryDay = :d AND expiresAtIso <= :now")
                    .expressionAttributeValues(Map.of(":d", s(day), ":now", s(now.toString()))).build());
            for (Map<String, AttributeValue> item : expired) {
                dynamo.client().deleteItem(b -> b.tableName(dynamo.name(Table.NOTIFICATIONS))
                        .key(Items.key(USER, str(item, USER), ID, str(item, ID))));
                deleted++;
            }
        }
        return deleted;
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static Notification fromItem(Map<String, AttributeValue> item) {
        return new Notification(str(item, ID), str(item, USER), NotificationKind.valueOf(str(item, "kind")), str(item, "messageId"),
                str(item, "channelId"), str(item, "actorId"), Items.bool(item, "read"), time(item, "createdAt"));
    }

}
