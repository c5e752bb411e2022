package dev.parley.channel;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.HeadChange;
import dev.parley.event.PendingEvent;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.WriteLimits;
import dev.parley.platform.security.Ids;
import dev.parley.workspace.WorkspaceService;
import dev.parley.workspace.WorkspaceStore;

/**
 * The rules of channels (direct messages are opened by {@link DirectMessages}). Who may see, read, post in and moderate a channel is
 * {@link ChannelAccess}'s to decide (a channel someone may not see is NOT_FOUND); changing a channel's
 * name, archiving it and removing others need a moderator (FORBIDDEN otherwise).
 */
@ApplicationScoped
public class ChannelService {

    static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,80}");
    static final int MAX_TOPIC_LENGTH = 250;
    static final int MAX_ADDED_AT_ONCE = 50;

    private final ChannelStore channels;
    private final ChannelAccess access;
    private final CallerMemberships callerMemberships;
    private final WorkspaceService workspaceService;
    private final WorkspaceStore workspaces;
    private final ChannelEventLog events;
    private final WriteLimits limits;

    public ChannelService(ChannelStore channels, ChannelAccess access, CallerMemberships callerMemberships,
            WorkspaceService workspaceService, WorkspaceStore workspaces, ChannelEventLog events, WriteLimits limits) {
        this.channels = channels;
        this.access = access;
        this.callerMemberships = callerMemberships;
        this.workspaceService = workspaceService;
        this.workspaces = workspaces;
        this.events = events;
        this.limits = limits;
    }

    public Channel create(String callerId, ChannelInput input) {
        limits.count(WriteLimits.Write.CREATE_CHANNEL, callerId);
        workspaceService.requireMember(callerId, "workspaceId", input.workspaceId());
        String name = name(input.name());
        String topic = Inputs.optionalText("topic", input.topic(), MAX_TOPIC_LENGTH);
        String purpose = Inputs.optionalText("purpose", input.purpose(), MAX_TOPIC_LENGTH);
        Instant now = Instant.now();
        ChannelKind kind = Boolean.TRUE.equals(input.isPrivate()) ? ChannelKind.PRIVATE : ChannelKind.PUBLIC;
        Channel channel = new Channel(Ids.newId(now), input.workspaceId(), name, kind, emptyToNull(topic), emptyToNull(purpose),
                false, callerId, now, 1, null);
        events.transact(channels.creation(channel, List.of(callerId)), PendingEvent.joined(channel.id(), callerId, List.of(callerId)),
                failedItem -> failedItem == 0 ? nameTaken() : ParleyException.internal());
        return channel;
    }

    /** The channel if the caller may see it; NOT_FOUND otherwise, exactly as if it did not exist. */
    public Channel get(String callerId, String channelId) {
        return access.visible(callerId, "id", channelId).channel();
    }

    /** Forget what this request knew of the caller's memberships (after their counters changed). */
    public void membershipsChanged(String channelId) {
        callerMemberships.forget(channelId);
    }

    /**
     * Public channels plus the private channels and direct messages the caller belongs to, ordered by
     * id (creation time). Two ordered sources are merged; see README "Channel listing".
     */
    public ChannelConnection list(String callerId, String workspaceId, Integer first, String after, boolean includeArchived) {
        workspaceService.requireMember(callerId, "workspaceId", workspaceId);
        int limit = Cursors.pageSize(first);
        String afterId = Cursors.decode(after);
        Page<Channel> publicPage = channels.publicChannels(workspaceId, afterId, limit, includeArchived);
        Page<ChannelMembership> mine = channels.membershipsIn(callerId, workspaceId, afterId, limit);
        mine.items().forEach(callerMemberships::remember);

        TreeMap<String, Channel> merged = new TreeMap<>();
        publicPage.items().forEach(channel -> merged.put(channel.id(), channel));
        // The caller is in the workspace (checked above), so the policy shows the private channels and DMs they are in.
        List<String> othersMine = mine.items().stream()
                .filter(m -> m.kind() != ChannelKind.PUBLIC && AccessFacts.visible(m.kind(), true, m.active()))
                .filter(m -> !merged.containsKey(m.channelId()))
                .map(ChannelMembership::channelId).toList();
        channels.findAll(workspaceId, othersMine).stream()
                .filter(channel -> includeArchived || !channel.archived())
                .forEach(channel -> merged.put(channel.id(), channel));
        // A source with more to come was read only up to its last id: the page may not go past it,
        // or ids between that and the next page's start would be skipped.
        String boundary = null;
        if (publicPage.hasMore()) {
            boundary = last(publicPage.items().stream().map(Channel::id).toList());
        }
        if (mine.hasMore()) {
            String lastMine = last(mine.items().stream().map(ChannelMembership::channelId).toList());
            boundary = boundary == null || lastMine.compareTo(boundary) < 0 ? lastMine : boundary;
        }
        String cut = boundary;
        List<Channel> candidates = merged.values().stream().filter(channel -> cut == null || channel.id().compareTo(cut) <= 0).toList();
        List<Channel> page = candidates.stream().limit(limit).toList();
        if (page.isEmpty() && boundary != null) {
            // Everything read so far was filtered out (archived): read on from the boundary.
            return list(callerId, workspaceId, first, Cursors.encode(boundary), includeArchived);
        }
        return new ChannelConnection(page, candidates.size() > limit || boundary != null);
    }

    public Channel update(String callerId, String channelId, UpdateChannelInput input) {
        AccessFacts facts = access.visible(callerId, "id", channelId);
        Channel channel = facts.channel();
        requireNamedChannel(channel);
        facts.requirePostable("id");
        String name = input.name() == null ? channel.name() : name(input.name());
        boolean renamed = !name.equals(channel.name());
        if (renamed) {
            facts.requireModerator();
        }
        String topic = input.topic() == null ? channel.topic() : emptyToNull(Inputs.text("topic", input.topic(), 0, MAX_TOPIC_LENGTH));
        String purpose = input.purpose() == null ? channel.purpose()
                : emptyToNull(Inputs.text("purpose", input.purpose(), 0, MAX_TOPIC_LENGTH));
        Channel updated = channel.withDetails(name, topic, purpose);
        if (!updated.equals(channel)) {
            events.transact(channels.updating(channel, name, topic, purpose), List.of(PendingEvent.ofChannel(callerId, updated)),
                    failedItem -> failedItem == 0 && renamed ? nameTaken() : ParleyException.notFound("Channel"));
        }
        return updated;
    }

    public Channel setArchived(String callerId, String channelId, boolean archived) {
        AccessFacts facts = access.visible(callerId, "id", channelId);
        Channel channel = facts.channel();
        requireNamedChannel(channel);
        if (archived) {
            requireNotGeneral(channel, "#general cannot be archived");
        }
        facts.requireModerator();
        if (channel.archived() != archived) {
            // A failed condition: someone else made the same change meanwhile.
            events.transact(List.of(channels.archiving(channel, archived)),
                    List.of(PendingEvent.ofChannel(callerId, channel.withArchived(archived))), HeadChange.archiving(archived));
        }
        return reload(channel);
    }

    public Channel join(String callerId, String channelId) {
        AccessFacts facts = access.visible(callerId, "id", channelId);
        Channel channel = facts.channel();
        if (facts.member() || channel.kind() != ChannelKind.PUBLIC) {
            // Visible private channels and DMs are ones the caller is in already.
            return channel;
        }
        if (channel.archived()) {
            throw AccessFacts.archived("id");
        }
        addMembers(channel, callerId, List.of(callerId));
        return reload(channel);
    }

    public boolean leave(String callerId, String channelId) {
        AccessFacts facts = access.visible(callerId, "id", channelId);
        Channel channel = facts.channel();
        requireNamedChannel(channel);
        requireNotGeneral(channel, "Everyone stays in #general");
        if (facts.member()) {
            removeMember(channel, callerId, callerId);
        }
        return true;
    }

    public Channel addMembers(String callerId, String channelId, List<String> userIds) {
        AccessFacts facts = access.visible(callerId, "channelId", channelId);
        Channel channel = facts.channel();
        requireNamedChannel(channel);
        facts.requirePostable("id");
        if (userIds == null || userIds.isEmpty() || userIds.size() > MAX_ADDED_AT_ONCE) {
            throw ParleyException.badInput("userIds", "Add 1 to " + MAX_ADDED_AT_ONCE + " people at a time");
        }
        List<String> ids = userIds.stream().map(id -> Inputs.id("userIds", id)).distinct().toList();
        workspaceService.requireMembers(channel.workspaceId(), ids);
        Set<String> already = Set.copyOf(channels.membersAmong(channel.id(), ids));
        List<String> newcomers = ids.stream().filter(id -> !already.contains(id)).toList();
        if (!newcomers.isEmpty()) {
            addMembers(channel, callerId, newcomers);
        }
        return reload(channel);
    }

    public Channel removeMember(String callerId, String channelId, String userId) {
        AccessFacts facts = access.visible(callerId, "channelId", channelId);
        Channel channel = facts.channel();
        Inputs.id("userId", userId);
        requireNamedChannel(channel);
        requireNotGeneral(channel, "Everyone stays in #general");
        if (!userId.equals(callerId)) {
            facts.requireModerator();
        }
        removeMember(channel, callerId, userId);
        return reload(channel);
    }

    /** A page of the channel's members (user ids in id order). */
    public Page<String> memberIds(Channel channel, Integer first, String after) {
        return channels.members(channel.id(), Cursors.decode(after), Cursors.pageSize(first));
    }

    /**
     * Each newcomer is a membership and a MEMBER_JOINED event, with the channel's count and the log's
     * head once per transaction: a long list is committed in parts that fit.
     */
    private void addMembers(Channel channel, String actorId, List<String> userIds) {
        int perTransaction = (Dynamo.TRANSACTION_LIMIT - 2) / 2;
        for (int from = 0; from < userIds.size(); from += perTransaction) {
            List<String> part = userIds.subList(from, Math.min(userIds.size(), from + perTransaction));
            OptionalInt failed = events.transact(heads -> channels.joining(channel, part, Instant.now(), heads.get(channel.id()).ordinal()),
                    PendingEvent.joined(channel.id(), actorId, part));
            if (failed.isPresent()) {
                throw failed.getAsInt() == 0 ? AccessFacts.archived("id") : ParleyException.conflict("Membership changed meanwhile; try again");
            }
        }
        callerMemberships.forget(channel.id());
    }

    private void removeMember(Channel channel, String actorId, String userId) {
        // A failed condition means there was no such membership (or it went concurrently): nothing to do.
        events.transact(channels.leaving(channel, userId),
                List.of(PendingEvent.ofMember(EventType.MEMBER_LEFT, channel.id(), actorId, userId)));
        callerMemberships.forget(channel.id());
    }

    private Channel reload(Channel channel) {
        return channels.findAll(channel.workspaceId(), List.of(channel.id())).stream().findFirst()
                .orElseThrow(() -> ParleyException.notFound("Channel"));
    }

    private static void requireNamedChannel(Channel channel) {
        if (channel.isDirect()) {
            throw ParleyException.forbidden("Direct messages keep their people and have no name");
        }
    }

    private void requireNotGeneral(Channel channel, String message) {
        if (workspaces.find(channel.workspaceId()).map(w -> channel.id().equals(w.generalChannelId())).orElse(false)) {
            throw ParleyException.forbidden(message);
        }
    }

    private static ParleyException nameTaken() {
        return ParleyException.conflict("A channel with this name exists in the workspace").with("field", "name");
    }

    /** Lower-cased; then 1 to 80 of a-z, 0-9, - and _. */
    static String name(String raw) {
        String name = raw == null ? "" : raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw ParleyException.badInput("name", "Channel names are 1 to 80 characters of a-z, 0-9, - and _");
        }
        return name;
    }

    private static String last(List<String> ids) {
        return ids.get(ids.size() - 1);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
