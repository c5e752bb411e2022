package dev.parley.workspace;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.Table;
import dev.parley.user.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Workspaces and their members (Workspaces, WorkspaceMembers). A member item repeats the person's
 * name and email in lower case ({@code searchName}, {@code searchEmail}) so that people search reads
 * one partition instead of every user.
 */
@ApplicationScoped
public class WorkspaceStore {

    private static final String ID = "workspaceId";
    private static final String USER = "userId";

    private final Dynamo dynamo;

    public WorkspaceStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    public List<TransactWriteItem> creation(Workspace workspace) {
        return List.of(dynamo.putNew(Table.WORKSPACES, Dynamo.item(
                ID, s(workspace.id()),
                "name", s(workspace.name()),
                "ownerId", s(workspace.ownerId()),
                "generalChannelId", s(workspace.generalChannelId()),
                "createdAt", time(workspace.createdAt()))));
    }

    /** A new member; fails the transaction when the person is already a member. */
    public TransactWriteItem membership(String workspaceId, User user, Role role, Instant joinedAt) {
        return dynamo.putNew(Table.WORKSPACE_MEMBERS, Dynamo.item(
                ID, s(workspaceId), USER, s(user.id()), "role", s(role.name()), "joinedAt", time(joinedAt),
                "searchName", s(searchable(user.name())), "searchEmail", s(user.email())));
    }

    /** A transaction's condition that the person is a member of the workspace (the item is not changed). */
    public TransactWriteItem memberCheck(String workspaceId, String userId) {
        return dynamo.check(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, userId), "attribute_exists(userId)", java.util.Map.of());
    }

    public Optional<Workspace> find(String workspaceId) {
        return dynamo.get(Table.WORKSPACES, Items.key(ID, workspaceId)).map(WorkspaceStore::fromItem);
    }

    public List<Workspace> findAll(List<String> workspaceIds) {
        return dynamo.getAll(Table.WORKSPACES, workspaceIds.stream().map(id -> Items.key(ID, id)).toList())
                .stream().map(WorkspaceStore::fromItem).toList();
    }

    public Optional<WorkspaceMember> findMember(String workspaceId, String userId) {
        return dynamo.get(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, userId)).map(WorkspaceStore::memberFrom);
    }

    /** The given person's memberships among the given workspaces, in one batch read. */
    public List<WorkspaceMember> findMemberships(String userId, List<String> workspaceIds) {
        return dynamo.getAll(Table.WORKSPACE_MEMBERS, workspaceIds.stream().map(id -> Items.key(ID, id, USER, userId)).toList())
                .stream().map(WorkspaceStore::memberFrom).toList();
    }

    /** Which of the given people are members of the workspace, in one batch read. */
    public List<WorkspaceMember> findMembers(String workspaceId, List<String> userIds) {
        return dynamo.getAll(Table.WORKSPACE_MEMBERS, userIds.stream().map(id -> Items.key(ID, workspaceId, USER, id)).toList())
                .stream().map(WorkspaceStore::memberFrom).toList();
    }

    /** Every workspace a person belongs to (a short list: one query on UserWorkspacesIndex). */
    public List<String> workspaceIdsOf(String userId) {
        return dynamo.queryAll(dynamo.queryOn(Table.WORKSPACE_MEMBERS, "UserWorkspacesIndex")
                .keyConditionExpression("userId = :u")
                .expressionAttributeValues(Map.of(":u", s(userId))).build())
                .stream().map(item -> str(item, ID)).toList();
    }

    /** Every member's user id, in id order (the whole partition: for presence across a workspace). */
    public List<String> memberIds(String workspaceId) {
        return dynamo.queryAll(dynamo.partitionAfter(Table.WORKSPACE_MEMBERS, null, workspaceId, null)
                .projectionExpression(USER).build())
                .stream().map(item -> str(item, USER)).toList();
    }

    /** A page of members ordered by user id, after the given one, optionally filtered by a prefix. */
    public Page<WorkspaceMember> members(String workspaceId, String afterUserId, int limit, String prefix) {
        var query = dynamo.partitionAfter(Table.WORKSPACE_MEMBERS, null, workspaceId, afterUserId);
        return dynamo.query(query.build(), limit, prefix == null ? item -> true : matches(searchable(prefix)))
                .map(WorkspaceStore::memberFrom);
    }

    public static WorkspaceMember memberFrom(Map<String, AttributeValue> item) {
        return new WorkspaceMember(str(item, ID), str(item, USER), Role.valueOf(str(item, "role")), time(item, "joinedAt"));
    }

    /** Name or any word of it, or the email, starts with the prefix. */
    private static Predicate<Map<String, AttributeValue>> matches(String prefix) {
        return item -> {
            String name = str(item, "searchName");
            String email = str(item, "searchEmail");
            if (email != null && email.startsWith(prefix)) {
                return true;
            }
            if (name == null) {
                return false;
            }
            if (name.startsWith(prefix)) {
                return true;
            }
            for (String word : name.split("\\s+")) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Sets the name and the icon (null: none). */
    public TransactWriteItem details(String workspaceId, String name, String iconFileId) {
        return iconFileId == null
                ? dynamo.update(Table.WORKSPACES, Items.key(ID, workspaceId), "SET #n = :n REMOVE iconFileId",
                        Map.of("#n", "name"), Map.of(":n", s(name)), "attribute_exists(workspaceId)")
                : dynamo.update(Table.WORKSPACES, Items.key(ID, workspaceId), "SET #n = :n, iconFileId = :i",
                        Map.of("#n", "name"), Map.of(":n", s(name), ":i", s(iconFileId)), "attribute_exists(workspaceId)");
    }

    /** Keeps people search current after a profile change. */
    public TransactWriteItem renameMember(String workspaceId, String userId, String name) {
        return dynamo.update(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, userId), "SET searchName = :n",
                Map.of(), Map.of(":n", s(searchable(name))), "attribute_exists(userId)");
    }

    /** Changes a member's role; fails when they are not a member (any more) or are the owner. */
    public TransactWriteItem changeRole(String workspaceId, String userId, Role role) {
        return dynamo.update(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, userId), "SET #r = :r",
                Map.of("#r", "role"), Map.of(":r", s(role.name()), ":owner", s(Role.OWNER.name())),
                "attribute_exists(userId) AND #r <> :owner");
    }

    /** The owner's role and the workspace's owner, moved together. */
    public List<TransactWriteItem> ownershipTransfer(String workspaceId, String fromUserId, String toUserId) {
        return List.of(
                dynamo.update(Table.WORKSPACES, Items.key(ID, workspaceId), "SET ownerId = :to",
                        Map.of(), Map.of(":to", s(toUserId), ":from", s(fromUserId)), "ownerId = :from"),
                dynamo.update(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, toUserId), "SET #r = :owner",
                        Map.of("#r", "role"), Map.of(":owner", s(Role.OWNER.name())), "attribute_exists(userId)"),
                dynamo.update(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, fromUserId), "SET #r = :admin",
                        Map.of("#r", "role"), Map.of(":admin", s(Role.ADMIN.name())), "attribute_exists(userId)"));
    }

    /** Removes a member who is not the owner. */
    public TransactWriteItem memberRemoval(String workspaceId, String userId) {
        return dynamo.delete(Table.WORKSPACE_MEMBERS, Items.key(ID, workspaceId, USER, userId),
                "attribute_exists(userId) AND #r <> :owner", Map.of("#r", "role"), Map.of(":owner", s(Role.OWNER.name())));
    }

    static Workspace fromItem(Map<String, AttributeValue> item) {
        return new Workspace(str(item, ID), str(item, "name"), str(item, "ownerId"), str(item, "generalChannelId"),
                time(item, "createdAt"), str(item, "iconFileId"));
    }

    static String searchable(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
