package dev.parley.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.event.ChannelHead;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserConnection;
import dev.parley.user.UserService;
import dev.parley.workspace.Workspace;
import dev.parley.workspace.WorkspaceService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class ChannelGraphQL {

    private final ChannelService channels;
    private final DirectMessages directMessages;
    private final CallerMemberships memberships;
    private final WorkspaceService workspaces;
    private final UserService users;
    private final CurrentCaller caller;

    public ChannelGraphQL(ChannelService channels, DirectMessages directMessages, CallerMemberships memberships, WorkspaceService workspaces,
            UserService users, CurrentCaller caller) {
        this.channels = channels;
        this.directMessages = directMessages;
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.users = users;
        this.caller = caller;
    }

    @Query
    @Description("Public channels plus the private channels and direct messages the caller belongs to, oldest first.")
    public @NonNull ChannelConnection channels(@NonNull @Id String workspaceId, @Nullable Integer first, @Nullable String after,
            @DefaultValue("false") boolean includeArchived) {
        return channels.list(caller.userId(), workspaceId, first, after, includeArchived);
    }

    @Query
    public Channel channel(@NonNull @Id String id) {
        return channels.get(caller.userId(), id);
    }

    @Mutation
    @Description("Names are lower-case, 1-80 characters of a-z, 0-9, - and _, unique in the workspace.")
    public @NonNull Channel createChannel(@NonNull ChannelInput input) {
        return channels.create(caller.userId(), input);
    }

    @Mutation
    @Description("Members set topic and purpose; renaming needs the channel's creator or a workspace admin.")
    public @NonNull Channel updateChannel(@NonNull @Id String id, @NonNull UpdateChannelInput input) {
        return channels.update(caller.userId(), id, input);
    }

    @Mutation
    @Description("An archived channel takes no new messages or members. #general cannot be archived.")
    public @NonNull Channel archiveChannel(@NonNull @Id String id) {
        return channels.setArchived(caller.userId(), id, true);
    }

    @Mutation
    public @NonNull Channel unarchiveChannel(@NonNull @Id String id) {
        return channels.setArchived(caller.userId(), id, false);
    }

    @Mutation
    @Description("Public channels only.")
    public @NonNull Channel joinChannel(@NonNull @Id String id) {
        return channels.join(caller.userId(), id);
    }

    @Mutation
    @Description("Everyone stays in #general; direct messages cannot be left.")
    public boolean leaveChannel(@NonNull @Id String id) {
        return channels.leave(caller.userId(), id);
    }

    @Mutation
    @Description("Channel members add workspace members, up to 50 at a time.")
    public @NonNull Channel addChannelMembers(@NonNull @Id String channelId, @NonNull List<@NonNull String> userIds) {
        return channels.addMembers(caller.userId(), channelId, userIds);
    }

    @Mutation
    @Description("Removing someone else needs the channel's creator or a workspace admin.")
    public @NonNull Channel removeChannelMember(@NonNull @Id String channelId, @NonNull @Id String userId) {
        return channels.removeMember(caller.userId(), channelId, userId);
    }

    @Mutation
    @Description("1:1 or group (2 to 8 people including the caller); the same people always get the same channel.")
    public @NonNull Channel openDirectMessage(@NonNull @Id String workspaceId, @NonNull List<@NonNull String> userIds) {
        return directMessages.openDirectMessage(caller.userId(), workspaceId, userIds);
    }

    public List<Workspace> workspace(@Source List<Channel> page) {
        Map<String, Workspace> found = workspaces.findAll(page.stream().map(Channel::workspaceId).distinct().toList()).stream()
                .collect(Collectors.toMap(Workspace::id, Function.identity()));
        return page.stream().map(channel -> found.get(channel.workspaceId())).toList();
    }

    public @NonNull UserConnection members(@Source Channel channel, @Nullable Integer first, @Nullable String after) {
        Page<String> page = channels.memberIds(channel, first, after);
        return new UserConnection(users.findAll(page.items()), page.hasMore());
    }

    @Name("isMember")
    public List<@NonNull Boolean> isMember(@Source List<Channel> page) {
        return ofCaller(page, Optional::isPresent);
    }

    @Description("Messages in this channel the caller has not read (0 when not a member).")
    public List<@NonNull Integer> unreadCount(@Source List<Channel> page) {
        Map<String, UnreadCounts.Counts> counts = memberships.counts(ids(page));
        return page.stream().map(channel -> counts.get(channel.id()).unread()).toList();
    }

    public List<@NonNull Integer> mentionCount(@Source List<Channel> page) {
        Map<String, UnreadCounts.Counts> counts = memberships.counts(ids(page));
        return page.stream().map(channel -> counts.get(channel.id()).mentions()).toList();
    }

    @Name("lastMessageAt")
    public List<@Nullable Instant> lastMessageAt(@Source List<Channel> page) {
        Map<String, ChannelHead> heads = memberships.heads(ids(page));
        return page.stream().map(channel -> heads.get(channel.id()).lastMessageAt()).toList();
    }

    private static List<String> ids(List<Channel> page) {
        return page.stream().map(Channel::id).toList();
    }

    @Id
    public List<String> lastReadMessageId(@Source List<Channel> page) {
        return ofCaller(page, m -> m.map(ChannelMembership::lastReadMessageId).orElse(null));
    }

    private <T> List<T> ofCaller(List<Channel> page, Function<Optional<ChannelMembership>, T> field) {
        Map<String, Optional<ChannelMembership>> known = memberships.of(page.stream().map(Channel::id).toList());
        // A membership set aside (its person out of the workspace) is no membership.
        return page.stream().map(channel -> field.apply(known.get(channel.id()).filter(ChannelMembership::active))).toList();
    }
}
