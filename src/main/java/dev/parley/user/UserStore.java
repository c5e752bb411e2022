package dev.parley.user;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.UniqueKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Users in DynamoDB: the Users table, plus the UniqueKeys claim that makes an email unique. */
@ApplicationScoped
public class UserStore {

    private static final String ID = "userId";

    private final Dynamo dynamo;
    private final UniqueKeys uniqueKeys;
    private final RecentUsers recent = new RecentUsers();

    public UserStore(Dynamo dynamo, UniqueKeys uniqueKeys) {
        this.dynamo = dynamo;
        this.uniqueKeys = uniqueKeys;
    }

    /** The user and the hash to check a password against. */
    public record Credentials(User user, String passwordHash) {
    }

    /**
     * The writes that create a user: the email claim first (its failed condition means the email is
     * taken), then the user item. The caller commits them, usually with more in one transaction.
     */
    public List<TransactWriteItem> creation(User user, String passwordHash) {
        return List.of(
                uniqueKeys.claim(emailKey(user.email()), user.id()),
                dynamo.putNew(Table.USERS, toItem(user, passwordHash)));
    }

    public Optional<User> find(String userId) {
        return dynamo.get(Table.USERS, Items.key(ID, userId)).map(UserStore::fromItem);
    }

    /** People for nested fields, in one batch read of those not read in the last moments (see {@link RecentUsers}). */
    public List<User> findAll(List<String> userIds) {
        Map<String, User> found = new HashMap<>(recent.fresh(userIds));
        List<String> missing = userIds.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        List<User> read = dynamo.getAll(Table.USERS, missing.stream().map(id -> Items.key(ID, id)).toList())
                .stream().map(UserStore::fromItem).toList();
        recent.remember(read);
        read.forEach(user -> found.put(user.id(), user));
        return userIds.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** After a change to the user's item on this pod. */
    public void changed(String userId) {
        recent.forget(userId);
    }

    public Optional<Credentials> findCredentialsByEmail(String normalizedEmail) {
        return uniqueKeys.ownerOf(emailKey(normalizedEmail))
                .flatMap(userId -> dynamo.get(Table.USERS, Items.key(ID, userId)))
                .map(item -> new Credentials(fromItem(item), str(item, "passwordHash")));
    }

    public User setCurrentWorkspace(String userId, String workspaceId) {
        recent.forget(userId);
        return fromItem(dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.USERS)).key(Items.key(ID, userId))
                .updateExpression("SET currentWorkspaceId = :w").conditionExpression("attribute_exists(userId)")
                .expressionAttributeValues(Map.of(":w", s(workspaceId)))
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }

    /** The write that applies a profile change: non-null values are set, empty strings remove the attribute. */
    public TransactWriteItem profileChange(String userId, Map<String, String> changes) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        changes.forEach((attribute, value) -> {
            names.put("#" + attribute, attribute);
            if (value.isEmpty()) {
                remove.add("#" + attribute);
            } else {
                set.add("#" + attribute + " = :" + attribute);
                values.put(":" + attribute, s(value));
            }
        });
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return dynamo.update(Table.USERS, Items.key(ID, userId), expression.strip(), names, values, "attribute_exists(userId)");
    }

    private static String emailKey(String normalizedEmail) {
        return "email#" + normalizedEmail;
    }

    private static Map<String, AttributeValue> toItem(User user, String passwordHash) {
        return Dynamo.item(
                ID, s(user.id()),
                "email", s(user.email()),
                "name", s(user.name()),
                "passwordHash", s(passwordHash),
                "title", user.title() == null ? null : s(user.title()),
                "timezone", user.timezone() == null ? null : s(user.timezone()),
                "statusText", user.statusText() == null ? null : s(user.statusText()),
                "statusEmoji", user.statusEmoji() == null ? null : s(user.statusEmoji()),
                "currentWorkspaceId", user.currentWorkspaceId() == null ? null : s(user.currentWorkspaceId()),
                "createdAt", time(user.createdAt()),
                "avatarFileId", user.avatarFileId() == null ? null : s(user.avatarFileId()));
    }

    static User fromItem(Map<String, AttributeValue> item) {
        return new User(str(item, ID), str(item, "email"), str(item, "name"), str(item, "title"),
                str(item, "timezone"), str(item, "statusText"), str(item, "statusEmoji"),
                str(item, "currentWorkspaceId"), time(item, "createdAt"), str(item, "avatarFileId"));
    }
}
