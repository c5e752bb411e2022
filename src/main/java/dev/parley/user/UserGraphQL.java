package dev.parley.user;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.file.FileLinks;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.workspace.Workspace;
import dev.parley.workspace.WorkspaceMember;
import dev.parley.workspace.WorkspaceService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class UserGraphQL {

    private final UserService users;
    private final WorkspaceService workspaces;
    private final FileLinks links;
    private final CurrentCaller caller;

    public UserGraphQL(UserService users, WorkspaceService workspaces, FileLinks links, CurrentCaller caller) {
        this.users = users;
        this.workspaces = workspaces;
        this.links = links;
        this.caller = caller;
    }

    @Query
    @Description("A person who shares a workspace with the caller.")
    public User user(@NonNull @Id String id) {
        return users.get(caller.userId(), id);
    }

    @Query
    @Description("Members of a workspace, by user id; query matches the start of the email, the name or a word of it.")
    public @NonNull UserConnection users(@NonNull @Id String workspaceId, @Nullable Integer first, @Nullable String after,
            @Nullable String query) {
        var page = workspaces.members(caller.userId(), workspaceId, first, after, query);
        List<User> found = users.findAll(page.items().stream().map(WorkspaceMember::userId).toList());
        return new UserConnection(found, page.hasMore());
    }

    @Mutation
    public @NonNull User updateProfile(@NonNull ProfileInput input) {
        return users.updateProfile(caller.userId(), input);
    }

    @Description("A short-lived link to the person's avatar (about 360 px), if they set one.")
    public List<@Nullable String> avatarUrl(@Source List<User> page) {
        return links.pictures(page.stream().map(User::avatarFileId).toList());
    }

    @Description("The workspace the person last switched to; only for themselves.")
    public List<Workspace> currentWorkspace(@Source List<User> page) {
        String me = caller.userId();
        List<String> ids = page.stream().filter(u -> u.id().equals(me) && u.currentWorkspaceId() != null)
                .map(User::currentWorkspaceId).distinct().toList();
        Map<String, Workspace> mine = workspaces.findAll(ids).stream()
                .filter(w -> workspaces.rolesOf(me, List.of(w.id())).containsKey(w.id()))
                .collect(Collectors.toMap(Workspace::id, w -> w));
        return page.stream().map(u -> u.id().equals(me) ? mine.get(u.currentWorkspaceId()) : null).toList();
    }
}
