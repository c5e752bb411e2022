package dev.parley.workspace;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserStore;

/** Fields of {@code Workspace} resolved per page of workspaces (one batch read each, not one per workspace). */
@GraphQLApi
@ErrorBoundary
public class WorkspaceGraphQL {

    private final WorkspaceService workspaces;
    private final UserStore users;
    private final CurrentCaller caller;

    public WorkspaceGraphQL(WorkspaceService workspaces, UserStore users, CurrentCaller caller) {
        this.workspaces = workspaces;
        this.users = users;
        this.caller = caller;
    }

    public List<User> owner(@Source List<Workspace> page) {
        Map<String, User> owners = users.findAll(page.stream().map(Workspace::ownerId).toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        return page.stream().map(workspace -> owners.get(workspace.ownerId())).toList();
    }

    /** The caller's role in each workspace. */
    public List<Role> role(@Source List<Workspace> page) {
        Map<String, Role> roles = workspaces.rolesOf(caller.userId(), page.stream().map(Workspace::id).toList());
        return page.stream().map(workspace -> roles.get(workspace.id())).toList();
    }
}
