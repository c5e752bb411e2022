package dev.parley.presence;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Presence table: each person's last known presence, what they chose ({@code choice}: ONLINE
 * means "automatic"), and when they were last active, for the time Redis knows nothing live about
 * them. Redis decides; this table remembers.
 */
@ApplicationScoped
public class PresenceStore {

    private static final String USER = "userId";

    private final Dynamo dynamo;

    public PresenceStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** A person's presence together with the status they chose. */
    public record Stored(Presence presence, PresenceStatus choice) {

        /** Someone with no row: automatic, never seen. */
        static Stored none(String userId) {
            return new Stored(Presence.offline(userId, null, 0), PresenceStatus.ONLINE);
        }
    }

    public Optional<Stored> find(String userId) {
        return dynamo.get(Table.PRESENCE, Items.key(USER, userId)).map(PresenceStore::fromItem);
    }

    public Map<String, Stored> findAll(Collection<String> userIds) {
        return dynamo.getAll(Table.PRESENCE, userIds.stream().map(id -> Items.key(USER, id)).toList()).stream()
                .map(PresenceStore::fromItem).collect(Collectors.toMap(s -> s.presence().userId(), Function.identity()));
    }

    /**
     * Writes the person's presence unless a newer revision is stored already: pods save independently,
     * so an older change may arrive last. The row expires {@code expiresAt} (TTL).
     */
    public void save(Stored stored, Instant expiresAt) {
        Presence presence = stored.presence();
        try {
            dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.PRESENCE))
                    .item(Dynamo.item(
                            USER, s(presence.userId()),
                            "status", s(presence.status().name()),
                            "choice", s(stored.choice().name()),
                            "lastActiveAt", presence.lastActiveAt() == null ? null : time(presence.lastActiveAt()),
                            "revision", n(presence.revision()),
                            "expiresAt", n(expiresAt.getEpochSecond())))
                    .conditionExpression("attribute_not_exists(userId) OR revision < :r")
                    .expressionAttributeValues(Map.of(":r", n(presence.revision()))));
        } catch (ConditionalCheckFailedException newerStored) {
            // a later change is stored already
        }
    }

    private static Stored fromItem(Map<String, AttributeValue> item) {
        Presence presence = new Presence(str(item, USER), PresenceStatus.valueOf(str(item, "status")), time(item, "lastActiveAt"),
                num(item, "revision"));
        String choice = str(item, "choice");
        return new Stored(presence, choice == null ? PresenceStatus.ONLINE : PresenceStatus.valueOf(choice));
    }
}
