package dev.parley.channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.concurrent.Futures;
import dev.parley.platform.dynamodb.ParallelReads;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.workspace.Role;
import dev.parley.workspace.WorkspaceMember;
import dev.parley.workspace.WorkspaceStore;

/**
 * The one channel-access policy, for every path that shows a channel or what is in it, or changes
 * it: GraphQL resolvers and nested fields, live streams, notifications, and whatever else serves a
 * channel's content (file downloads, search hits). The rules are {@link AccessFacts}'s, a pure
 * function of three facts; this class loads those facts and answers as the API promises:
 *
 * <ul>
 * <li>{@link #visible} / {@link #readable}: NOT_FOUND, exactly as if the channel did not exist;</li>
 * <li>{@link #member}: then FORBIDDEN "Join the channel first" (a public channel not joined);</li>
 * <li>{@link #postable}: then BAD_USER_INPUT with subCode CHANNEL_ARCHIVED;</li>
 * <li>{@link #moderator}: FORBIDDEN unless the caller moderates the channel.</li>
 * </ul>
 *
 * Each returns the facts, whose {@code channel()} is the channel and whose other decisions
 * ({@code mayDelete}, {@code mayModerate}, …) need no further read. Loading costs the channel (one
 * read by its key, see {@link ChannelDirectory}), the caller's workspace membership (one read) and their channel membership (shared
 * by the whole request, see {@link CallerMemberships}), read side by side: one round trip of waiting. For many channels at once (a page of
 * notifications, search hits) use {@link #readableAmong}; for many people in one channel (who may
 * be notified) {@link #readersAmong}.
 */
@ApplicationScoped
public class ChannelAccess {

    private final ChannelStore channels;
    private final WorkspaceStore workspaces;
    private final CallerMemberships callerMemberships;
    private final ChannelDirectory directory;
    private final ParallelReads parallel;

    public ChannelAccess(ChannelStore channels, WorkspaceStore workspaces, CallerMemberships callerMemberships, ChannelDirectory directory,
            ParallelReads parallel) {
        this.channels = channels;
        this.parallel = parallel;
        this.directory = directory;
        this.workspaces = workspaces;
        this.callerMemberships = callerMemberships;
    }

    /**
     * The facts for {@code userId} (the request's caller) and a channel, undecided: NOT_FOUND only when
     * there is no such channel. {@code field} names the input, for BAD_USER_INPUT on a malformed id.
     */
    public AccessFacts facts(String userId, String field, String channelId) {
        Inputs.id(field, channelId);
        ChannelDirectory.Identity identity = directory.identity(channelId).orElseThrow(() -> ParleyException.notFound("Channel"));
        // The three facts side by side: the channel as it is now, the caller's role, their membership (shared by the request).
        var channelNow = parallel.start(() -> directory.channel(channelId));
        var roleNow = parallel.start(() -> workspaces.findMember(identity.workspaceId(), userId).map(WorkspaceMember::role).orElse(null));
        Optional<ChannelMembership> membership = callerMemberships.of(userId, List.of(channelId)).get(channelId);
        Channel channel = Futures.join(channelNow).orElseThrow(() -> ParleyException.notFound("Channel"));
        return new AccessFacts(userId, channel, Futures.join(roleNow), membership.map(ChannelMembership::active).orElse(false));
    }

    /** The facts for a channel loaded already, with the person's membership read already (or empty when they have none). */
    public AccessFacts facts(String userId, Channel channel, Optional<ChannelMembership> membership) {
        Role role = workspaces.findMember(channel.workspaceId(), userId).map(WorkspaceMember::role).orElse(null);
        return new AccessFacts(userId, channel, role, membership.map(ChannelMembership::active).orElse(false));
    }

    /** The channel exists for the caller, or NOT_FOUND. */
    public AccessFacts visible(String userId, String field, String channelId) {
        return facts(userId, field, channelId).requireVisible();
    }

    /** The caller may read the channel and what is in it, or NOT_FOUND. */
    public AccessFacts readable(String userId, String field, String channelId) {
        return facts(userId, field, channelId).requireReadable();
    }

    /**
     * As {@link #readable}, for paths that show a channel's content without the channel itself (its
     * history): decided from its kind, which never changes ({@link ChannelDirectory#identity}), so
     * the channel is not read; the caller's workspace membership and, unless it is public, their
     * membership of the channel are read side by side.
     */
    public void requireReadable(String userId, String field, String channelId) {
        Inputs.id(field, channelId);
        ChannelDirectory.Identity identity = directory.identity(channelId).orElseThrow(() -> ParleyException.notFound("Channel"));
        var inWorkspace = parallel.start(() -> workspaces.findMember(identity.workspaceId(), userId).isPresent());
        boolean member = identity.kind() != ChannelKind.PUBLIC
                && callerMemberships.of(userId, List.of(channelId)).get(channelId).map(ChannelMembership::active).orElse(false);
        if (!AccessFacts.readable(identity.kind(), Futures.join(inWorkspace), member)) {
            throw ParleyException.notFound("Channel");
        }
    }

    /** The caller is in the channel: NOT_FOUND, FORBIDDEN for a public channel not joined. */
    public AccessFacts member(String userId, String field, String channelId) {
        return facts(userId, field, channelId).requireMember();
    }

    /** The caller may post in the channel: as {@link #member}, and CHANNEL_ARCHIVED (on {@code field}). */
    public AccessFacts postable(String userId, String field, String channelId) {
        return facts(userId, field, channelId).requirePostable(field);
    }

    /** The caller moderates the channel: NOT_FOUND, else FORBIDDEN. */
    public AccessFacts moderator(String userId, String field, String channelId) {
        return facts(userId, field, channelId).requireModerator();
    }

    /**
     * The caller's membership as stored right now, for its counters and read marker (a consistent
     * read, unlike the request's shared one): FORBIDDEN when they are not in the channel (any more).
     */
    public ChannelMembership currentMembership(AccessFacts facts) {
        facts.requireMember();
        return channels.membership(facts.channel().id(), facts.userId()).filter(ChannelMembership::active)
                .orElseThrow(() -> ParleyException.forbidden("Join the channel first"));
    }

    /**
     * Those of the given channels the caller may read, by id (the others, and ids of no channel, are
     * left out): for nested fields that show a page's channels and for search hits. The channels (one
     * batch read per workspace) and the caller's workspace memberships are read side by side while the
     * caller's channel memberships are read on this thread (they are shared by the request).
     */
    public Map<String, Channel> readableAmong(String userId, Collection<String> channelIds) {
        List<String> ids = channelIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        var channelsNow = parallel.start(() -> directory.channels(ids));
        var rolesNow = parallel.start(() -> rolesIn(userId, ids));
        Map<String, Optional<ChannelMembership>> memberships = callerMemberships.of(userId, ids);
        Map<String, Channel> found = Futures.join(channelsNow);
        Map<String, Role> roles = Futures.join(rolesNow);
        return found.values().stream()
                .filter(channel -> new AccessFacts(userId, channel, roles.get(channel.workspaceId()),
                        memberships.get(channel.id()).map(ChannelMembership::active).orElse(false)).readable())
                .collect(Collectors.toMap(Channel::id, Function.identity()));
    }

    /** The person's roles in the workspaces of these channels (their immutable workspace, from the directory). */
    private Map<String, Role> rolesIn(String userId, List<String> channelIds) {
        List<String> workspaceIds = channelIds.stream().map(directory::identity).flatMap(Optional::stream)
                .map(ChannelDirectory.Identity::workspaceId).distinct().toList();
        return workspaces.findMemberships(userId, workspaceIds).stream()
                .collect(Collectors.toMap(WorkspaceMember::workspaceId, WorkspaceMember::role));
    }

    /**
     * Who of these members of the channel may read it now (whom a new message may notify): one batch
     * read of their workspace memberships, so someone who left the workspace hears nothing.
     */
    public Set<String> readersAmong(Channel channel, Collection<ChannelMembership> members) {
        List<String> inChannel = members.stream().filter(ChannelMembership::active).map(ChannelMembership::userId).distinct().toList();
        if (inChannel.isEmpty()) {
            return Set.of();
        }
        Map<String, Role> roles = workspaces.findMembers(channel.workspaceId(), inChannel).stream()
                .collect(Collectors.toMap(WorkspaceMember::userId, WorkspaceMember::role));
        return inChannel.stream().filter(id -> new AccessFacts(id, channel, roles.get(id), true).readable()).collect(Collectors.toSet());
    }

    /**
     * Of these channels, those the person is in now and may read: where their {@code events} stream
     * follows. Consistent reads of their memberships and then of their workspace memberships (two
     * batch reads); needs no request context, for the live code.
     */
    public Set<String> memberChannels(String userId, Collection<String> channelIds) {
        if (channelIds.isEmpty()) {
            return Set.of();
        }
        List<ChannelMembership> memberships = channels.memberships(userId, channelIds.stream().distinct().toList());
        Set<String> workspaceIds = workspaces.findMemberships(userId, memberships.stream().map(ChannelMembership::workspaceId).distinct().toList())
                .stream().map(WorkspaceMember::workspaceId).collect(Collectors.toSet());
        return memberships.stream()
                .filter(m -> AccessFacts.visible(m.kind(), workspaceIds.contains(m.workspaceId()), m.active()))
                .map(ChannelMembership::channelId).collect(Collectors.toSet());
    }

    /** Whether the person is (still) a member of the workspace; for live streams re-checking after Redis was away. */
    public boolean inWorkspace(String userId, String workspaceId) {
        return workspaces.findMember(workspaceId, userId).isPresent();
    }
}
