package dev.parley.notification;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A person's default notification preference, kept on their Users item (per-channel preferences
 * live on their ChannelMemberships item).
 */
@ApplicationScoped
public class PreferenceStore {

    private final Dynamo dynamo;

    public PreferenceStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    public record Preference(NotifyLevel level, boolean muted) {
        static final Preference DEFAULT = new Preference(NotifyLevel.ALL, false);
    }

    /** The defaults of several people in one batch read. */
    public Map<String, Preference> defaultsOf(List<String> userIds) {
        Map<String, Preference> defaults = new HashMap<>();
        dynamo.getAll(Table.USERS, userIds.stream().map(id -> Items.key("userId", id)).toList()).forEach(item -> {
            String level = str(item, "notifyLevel");
            defaults.put(str(item, "userId"), new Preference(level == null ? NotifyLevel.ALL : NotifyLevel.valueOf(level),
                    Items.bool(item, "notificationsMuted")));
        });
        return defaults;
    }

    public void setDefault(String userId, Preference preference) {
        dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.USERS)).key(Items.key("userId", userId))
                .updateExpression("SET notifyLevel = :l, notificationsMuted = :m").conditionExpression("attribute_exists(userId)")
                .expressionAttributeValues(Map.<String, AttributeValue>of(":l", s(preference.level().name()), ":m",
                        Items.bool(preference.muted()))));
    }
}
