package dev.parley.workspace;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Workspaces and their members (Workspaces, WorkspaceMembers). */
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
                "createdAt", time(workspace.createdAt()))));
    }

    public TransactWriteItem membership(String workspaceId, String userId, Role role, Instant joinedAt) {
        return dynamo.put(Table.WORKSPACE_MEMBERS, Dynamo.item(
                ID, s(workspaceId), USER, s(userId), "role", s(role.name()), "joinedAt", time(joinedAt)));
    }

    public Optional<Workspace> find(String workspaceId) {
        return dynamo.get(Table.WORKSPACES, Items.key(ID, workspaceId)).map(WorkspaceStore::fromItem);
    }

    /** The caller's role in each of the given workspaces where they are a member. */
    public Map<String, Role> rolesOf(String userId, List<String> workspaceIds) {
        return dynamo.getAll(Table.WORKSPACE_MEMBERS,
                        workspaceIds.stream().map(id -> Items.key(ID, id, USER, userId)).toList())
                .stream()
                .collect(Collectors.toMap(item -> str(item, ID), item -> Role.valueOf(str(item, "role"))));
    }

    static Workspace fromItem(Map<String, AttributeValue> item) {
        return new Workspace(str(item, ID), str(item, "name"), str(item, "ownerId"), time(item, "createdAt"));
    }

}
