package dev.parley.workspace;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.ChannelConnection;
import dev.parley.channel.ChannelService;
import dev.parley.file.FileLinks;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class WorkspaceGraphQL {

    private final WorkspaceService workspaces;
    private final ChannelService channels;
    private final UserService users;
    private final FileLinks links;
    private final CurrentCaller caller;

    public WorkspaceGraphQL(WorkspaceService workspaces, ChannelService channels, UserService users, FileLinks links,
            CurrentCaller caller) {
        this.workspaces = workspaces;
        this.channels = channels;
        this.users = users;
        this.links = links;
        this.caller = caller;
    }

    @Query
    @Description("The caller's workspaces, oldest first.")
    public @NonNull List<@NonNull Workspace> workspaces() {
        return workspaces.mine(caller.userId());
    }

    @Query
    public Workspace workspace(@NonNull @Id String id) {
        return workspaces.get(caller.userId(), id);
    }

    @Mutation
    @Description("Creates a workspace owned by the caller, with #general and #random.")
    public @NonNull Workspace createWorkspace(@NonNull WorkspaceInput input) {
        return workspaces.create(caller.userId(), input.name());
    }

    @Mutation
    @Description("Owners and admins only.")
    public @NonNull Workspace updateWorkspace(@NonNull @Id String id, @NonNull UpdateWorkspaceInput input) {
        return workspaces.update(caller.userId(), id, input);
    }

    @Mutation
    @Description("Records the caller's current workspace (User.currentWorkspace).")
    public @NonNull User switchWorkspace(@NonNull @Id String id) {
        return workspaces.switchTo(caller.userId(), id);
    }

    @Mutation
    @Description("Owners and admins only. Expires after expiresInHours (default 168, at most 720); maxUses unlimited by default; "
            + "with an email, only that person can accept it.")
    public @NonNull Invite createInvite(@NonNull @Id String workspaceId, @Nullable InviteInput input) {
        return workspaces.createInvite(caller.userId(), workspaceId, input);
    }

    @Mutation
    @Description("Joins the workspace and its #general. Accepting again is harmless.")
    public @NonNull Workspace acceptInvite(@NonNull String code) {
        return workspaces.acceptInvite(caller.userId(), code);
    }

    @Mutation
    @Description("Leaves the workspace and its channels. The owner must transfer ownership first.")
    public boolean leaveWorkspace(@NonNull @Id String id) {
        return workspaces.leave(caller.userId(), id);
    }

    @Mutation("setWorkspaceMemberRole")
    @Description("Owners and admins: make a member ADMIN or MEMBER.")
    public @NonNull WorkspaceMember setWorkspaceMemberRole(@NonNull @Id String workspaceId, @NonNull @Id String userId,
            @NonNull Role role) {
        return workspaces.setRole(caller.userId(), workspaceId, userId, role);
    }

    @Mutation
    @Description("The owner hands the workspace to another member and becomes an admin.")
    public @NonNull Workspace transferWorkspaceOwnership(@NonNull @Id String workspaceId, @NonNull @Id String userId) {
        return workspaces.transferOwnership(caller.userId(), workspaceId, userId);
    }

    @Description("A short-lived link to the workspace's icon (about 360 px), if it has one.")
    public List<@Nullable String> iconUrl(@Source List<Workspace> page) {
        return links.pictures(page.stream().map(Workspace::iconFileId).toList());
    }

    public List<User> owner(@Source List<Workspace> page) {
        Map<String, User> owners = users.byId(page.stream().map(Workspace::ownerId).toList());
        return page.stream().map(workspace -> owners.get(workspace.ownerId())).toList();
    }

    @Description("The caller's role in this workspace.")
    public List<Role> role(@Source List<Workspace> page) {
        Map<String, Role> roles = workspaces.rolesOf(caller.userId(), page.stream().map(Workspace::id).toList());
        return page.stream().map(workspace -> roles.get(workspace.id())).toList();
    }

    public @NonNull WorkspaceMemberConnection members(@Source Workspace workspace, @Nullable Integer first, @Nullable String after) {
        var page = workspaces.members(caller.userId(), workspace.id(), first, after, null);
        return new WorkspaceMemberConnection(page.items(), page.hasMore());
    }

    public @NonNull ChannelConnection channels(@Source Workspace workspace, @Nullable Integer first, @Nullable String after,
            @DefaultValue("false") boolean includeArchived) {
        return channels.list(caller.userId(), workspace.id(), first, after, includeArchived);
    }

    public List<User> user(@Source List<WorkspaceMember> members) {
        Map<String, User> found = users.byId(members.stream().map(WorkspaceMember::userId).toList());
        return members.stream().map(member -> found.get(member.userId())).toList();
    }
}
