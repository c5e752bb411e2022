package dev.parley.presence;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;

@GraphQLApi
@ErrorBoundary
public class PresenceGraphQL {

    private final PresenceService presence;
    private final UserService users;
    private final CurrentCaller caller;

    public PresenceGraphQL(PresenceService presence, UserService users, CurrentCaller caller) {
        this.presence = presence;
        this.users = users;
        this.caller = caller;
    }

    @Mutation("setPresence") // without the name, SmallRye drops the "set" as from a setter
    @Description("ONLINE: automatic (active while connected, AWAY when idle). AWAY or DND: kept until you choose "
            + "otherwise. OFFLINE: appear offline.")
    public @NonNull Presence setPresence(@NonNull PresenceStatus status) {
        return presence.set(caller.userId(), status);
    }

    @Query("presence")
    @Description("The presence of people who share a workspace with you (others are left out), at most 200 at once.")
    public @NonNull List<@NonNull Presence> presenceOf(@NonNull List<@NonNull String> userIds) {
        return presence.visible(caller.userId(), userIds);
    }

    @Query
    @Description("Members of the workspace who are ONLINE or DND, by name.")
    public @NonNull List<@NonNull User> onlineUsers(@NonNull @Id String workspaceId) {
        return presence.onlineUsers(caller.userId(), workspaceId);
    }

    @Name("presence")
    public List<@NonNull Presence> presenceOfUsers(@Source List<User> people) {
        Map<String, Presence> found = presence.of(people.stream().map(User::id).toList());
        return people.stream().map(user -> found.get(user.id())).toList();
    }

    public List<@NonNull User> user(@Source List<Presence> presences) {
        Map<String, User> found = users.byId(presences.stream().map(Presence::userId).toList());
        return presences.stream().map(p -> found.get(p.userId())).toList();
    }
}
