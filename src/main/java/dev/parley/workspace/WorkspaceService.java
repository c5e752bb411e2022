package dev.parley.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelKind;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.PendingEvent;
import dev.parley.file.FileAttachments;
import dev.parley.file.FileUse;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.WriteLimits;
import dev.parley.platform.security.Ids;
import dev.parley.user.EmailAddresses;
import dev.parley.user.User;
import dev.parley.user.UserStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The rules of workspaces: founding, membership and roles, invites, leaving. Anyone who is not a
 * member gets NOT_FOUND for all of a workspace; a member without the role gets FORBIDDEN.
 */
@ApplicationScoped
public class WorkspaceService {

    public static final int MAX_NAME_LENGTH = 80;
    static final List<String> DEFAULT_CHANNELS = List.of("general", "random");
    static final int DEFAULT_INVITE_HOURS = 7 * 24;
    static final int MAX_INVITE_HOURS = 30 * 24;
    static final int MAX_INVITE_USES = 1000;

    private final WorkspaceStore workspaces;
    private final InviteStore invites;
    private final ChannelStore channels;
    private final ChannelDepartures departures;
    private final UserStore users;
    private final Dynamo dynamo;
    private final ChannelEventLog events;
    private final WriteLimits limits;
    private final FileAttachments files;

    public WorkspaceService(WorkspaceStore workspaces, InviteStore invites, ChannelStore channels, ChannelDepartures departures,
            UserStore users, Dynamo dynamo, ChannelEventLog events, WriteLimits limits, FileAttachments files) {
        this.workspaces = workspaces;
        this.invites = invites;
        this.channels = channels;
        this.departures = departures;
        this.users = users;
        this.dynamo = dynamo;
        this.events = events;
        this.limits = limits;
        this.files = files;
    }

    /**
     * A new workspace and everything it starts with, as writes and their channel events (the owner
     * joining #general and #random) the caller commits atomically through {@link ChannelEventLog}.
     */
    public record Founding(Workspace workspace, List<TransactWriteItem> writes, List<PendingEvent> events) {
    }

    /**
     * A workspace owned by {@code owner} with its #general and #random channels, the owner a member
     * of each. {@code nameField} names the input the name came from, for BAD_USER_INPUT.
     */
    public Founding found(String nameField, String name, User owner, Instant now) {
        String validName = Inputs.text(nameField, name, 1, MAX_NAME_LENGTH);
        String workspaceId = Ids.newId(now);
        List<Channel> defaults = DEFAULT_CHANNELS.stream().map(channelName -> new Channel(Ids.newId(now), workspaceId,
                channelName, ChannelKind.PUBLIC, null, null, false, owner.id(), now, 1, null)).toList();
        Workspace workspace = new Workspace(workspaceId, validName, owner.id(), defaults.get(0).id(), now, null);
        List<TransactWriteItem> writes = new ArrayList<>(workspaces.creation(workspace));
        writes.add(workspaces.membership(workspace.id(), owner, Role.OWNER, now));
        List<PendingEvent> joined = new ArrayList<>();
        defaults.forEach(channel -> {
            writes.addAll(channels.creation(channel, List.of(owner.id())));
            joined.addAll(PendingEvent.joined(channel.id(), owner.id(), List.of(owner.id())));
        });
        return new Founding(workspace, writes, joined);
    }

    public Workspace create(String callerId, String name) {
        limits.count(WriteLimits.Write.CREATE_WORKSPACE, callerId);
        User owner = users.find(callerId).orElseThrow(ParleyException::unauthenticated);
        Founding founding = found("name", name, owner, Instant.now());
        events.transact(founding.writes(), founding.events(), failedItem -> ParleyException.internal());
        return founding.workspace();
    }

    /** The caller's workspaces, oldest first. */
    public List<Workspace> mine(String callerId) {
        return workspaces.findAll(workspaces.workspaceIdsOf(callerId)).stream()
                .sorted(Comparator.comparing(Workspace::id)).toList();
    }

    public Workspace get(String callerId, String workspaceId) {
        requireMember(callerId, "id", workspaceId);
        return workspaces.find(workspaceId).orElseThrow(() -> ParleyException.notFound("Workspace"));
    }

    /** The caller's membership, or NOT_FOUND as if the workspace did not exist. */
    public WorkspaceMember requireMember(String callerId, String field, String workspaceId) {
        Inputs.id(field, workspaceId);
        return workspaces.findMember(workspaceId, callerId).orElseThrow(() -> ParleyException.notFound("Workspace"));
    }

    /** Everyone of {@code userIds} is a member of the workspace, or BAD_USER_INPUT on {@code userIds} (nothing is written). */
    public void requireMembers(String workspaceId, List<String> userIds) {
        long found = workspaces.findMembers(workspaceId, userIds).stream().map(WorkspaceMember::userId).distinct().count();
        if (found < userIds.stream().distinct().count()) {
            throw ParleyException.badInput("userIds", "Everyone must be a member of the workspace");
        }
    }

    /** Like {@link #requireMember}, and FORBIDDEN unless the caller is an owner or admin. */
    public WorkspaceMember requireAdmin(String callerId, String field, String workspaceId) {
        WorkspaceMember member = requireMember(callerId, field, workspaceId);
        if (!member.canAdminister()) {
            throw ParleyException.forbidden("Only workspace owners and admins can do that");
        }
        return member;
    }

    public Map<String, Role> rolesOf(String callerId, List<String> workspaceIds) {
        return workspaces.findMemberships(callerId, workspaceIds).stream()
                .collect(Collectors.toMap(WorkspaceMember::workspaceId, WorkspaceMember::role));
    }

    public List<Workspace> findAll(List<String> workspaceIds) {
        return workspaces.findAll(workspaceIds);
    }

    /** An admin's change of name or icon (an image the caller uploaded; empty removes it); left-out fields stay. */
    public Workspace update(String callerId, String workspaceId, UpdateWorkspaceInput input) {
        requireAdmin(callerId, "id", workspaceId);
        Workspace workspace = workspaces.find(workspaceId).orElseThrow(() -> ParleyException.notFound("Workspace"));
        String name = input.name() == null ? workspace.name() : Inputs.text("name", input.name(), 1, MAX_NAME_LENGTH);
        String icon = input.iconFileId() == null ? workspace.iconFileId() : input.iconFileId().isEmpty() ? null : input.iconFileId();
        if (name.equals(workspace.name()) && java.util.Objects.equals(icon, workspace.iconFileId())) {
            return workspace;
        }
        List<TransactWriteItem> writes = new ArrayList<>(List.of(workspaces.details(workspaceId, name, icon)));
        boolean newIcon = icon != null && !icon.equals(workspace.iconFileId());
        if (newIcon) {
            writes.add(files.usingAsPicture(callerId, "iconFileId", icon, FileUse.WORKSPACE_ICON));
        }
        dynamo.transact(writes, failedItem -> newIcon && failedItem == 1 ? FileAttachments.notAPicture("iconFileId")
                : ParleyException.notFound("Workspace"));
        return workspace.withDetails(name, icon);
    }

    public User switchTo(String callerId, String workspaceId) {
        requireMember(callerId, "id", workspaceId);
        return users.setCurrentWorkspace(callerId, workspaceId);
    }

    /** A page of members ordered by user id; {@code prefix} matches a word of the name or the email. */
    public Page<WorkspaceMember> members(String callerId, String workspaceId, Integer first, String after, String prefix) {
        requireMember(callerId, "workspaceId", workspaceId);
        String query = prefix == null || prefix.isBlank() ? null : Inputs.text("query", prefix, 1, 100);
        return workspaces.members(workspaceId, Cursors.decode(after), Cursors.pageSize(first), query);
    }

    public Invite createInvite(String callerId, String workspaceId, InviteInput input) {
        limits.count(WriteLimits.Write.CREATE_INVITE, callerId);
        requireAdmin(callerId, "workspaceId", workspaceId);
        InviteInput options = input == null ? new InviteInput(null, null, null) : input;
        String email = options.email() == null ? null : EmailAddresses.normalize(options.email());
        int hours = options.expiresInHours() == null ? DEFAULT_INVITE_HOURS : options.expiresInHours();
        if (hours < 1 || hours > MAX_INVITE_HOURS) {
            throw ParleyException.badInput("expiresInHours", "expiresInHours must be 1 to " + MAX_INVITE_HOURS);
        }
        Integer maxUses = options.maxUses();
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_INVITE_USES)) {
            throw ParleyException.badInput("maxUses", "maxUses must be 1 to " + MAX_INVITE_USES);
        }
        Invite invite = new Invite(Ids.secretToken(), workspaceId, email, Instant.now().plus(Duration.ofHours(hours)), maxUses, 0);
        invites.create(invite, callerId);
        return invite;
    }

    /**
     * Joins the caller to the invite's workspace and its #general; someone coming back gets their
     * direct messages back too ({@link ChannelDepartures}). Accepting again is harmless: a member gets
     * the workspace back and uses up nothing (and an interrupted return is finished).
     */
    public Workspace acceptInvite(String callerId, String code) {
        if (code == null || code.isBlank() || code.length() > 100) {
            throw invalidInvite();
        }
        Invite invite = invites.find(code.strip()).orElseThrow(WorkspaceService::invalidInvite);
        Workspace workspace = workspaces.find(invite.workspaceId()).orElseThrow(WorkspaceService::invalidInvite);
        if (workspaces.findMember(workspace.id(), callerId).isPresent()) {
            departures.takeBackDirectMessages(callerId, workspace.id());
            return workspace;
        }
        User user = users.find(callerId).orElseThrow(ParleyException::unauthenticated);
        if (invite.email() != null && !invite.email().equals(user.email())) {
            throw invalidInvite();
        }
        Instant now = Instant.now();
        if (!invite.expiresAt().isAfter(now) || (invite.maxUses() != null && invite.uses() >= invite.maxUses())) {
            throw expiredInvite();
        }
        Channel general = channels.findAll(workspace.id(), List.of(workspace.generalChannelId())).get(0);
        OptionalInt failed = events.transact(heads -> {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(invites.use(invite.code(), now));
            writes.add(workspaces.membership(workspace.id(), user, Role.MEMBER, now));
            writes.addAll(channels.joining(general, List.of(callerId), now, heads.get(general.id()).ordinal()));
            return writes;
        }, PendingEvent.joined(general.id(), callerId, List.of(callerId)));
        if (failed.isPresent() && failed.getAsInt() == 0) {
            throw expiredInvite();
        }
        // Any other failed condition is the membership itself: the same person accepted concurrently.
        departures.takeBackDirectMessages(callerId, workspace.id());
        return workspace;
    }

    /**
     * Leaves a workspace: its channels and direct messages first, in chunks (see
     * {@link ChannelDepartures}), then the membership itself, so an interrupted leave can simply be
     * repeated. The owner must hand over first.
     */
    public boolean leave(String callerId, String workspaceId) {
        WorkspaceMember member = requireMember(callerId, "id", workspaceId);
        if (member.role() == Role.OWNER) {
            throw ParleyException.forbidden("The owner cannot leave; transfer ownership first");
        }
        departures.leaveAll(callerId, workspaceId);
        dynamo.transact(List.of(workspaces.memberRemoval(workspaceId, callerId)), failedItem -> ParleyException.notFound("Workspace"));
        departures.announceLeft(callerId, workspaceId);
        return true;
    }

    public WorkspaceMember setRole(String callerId, String workspaceId, String userId, Role role) {
        requireAdmin(callerId, "workspaceId", workspaceId);
        Inputs.id("userId", userId);
        if (role == Role.OWNER) {
            throw ParleyException.badInput("role", "Use transferWorkspaceOwnership to change the owner");
        }
        WorkspaceMember target = workspaces.findMember(workspaceId, userId).orElseThrow(() -> ParleyException.notFound("Member"));
        if (target.role() == Role.OWNER) {
            throw ParleyException.forbidden("The owner's role changes only by transferring ownership");
        }
        dynamo.transact(List.of(workspaces.changeRole(workspaceId, userId, role)), failedItem -> ParleyException.notFound("Member"));
        return new WorkspaceMember(workspaceId, userId, role, target.joinedAt());
    }

    /** The owner hands the workspace to another member and becomes an admin. */
    public Workspace transferOwnership(String callerId, String workspaceId, String userId) {
        WorkspaceMember caller = requireMember(callerId, "workspaceId", workspaceId);
        if (caller.role() != Role.OWNER) {
            throw ParleyException.forbidden("Only the owner can transfer ownership");
        }
        Inputs.id("userId", userId);
        if (userId.equals(callerId)) {
            return get(callerId, workspaceId);
        }
        workspaces.findMember(workspaceId, userId).orElseThrow(() -> ParleyException.notFound("Member"));
        dynamo.transact(workspaces.ownershipTransfer(workspaceId, callerId, userId),
                failedItem -> ParleyException.conflict("Membership changed meanwhile; try again"));
        return get(callerId, workspaceId);
    }

    private static ParleyException invalidInvite() {
        return ParleyException.badInput("code", "This invite code is not valid").with("subCode", "INVITE_INVALID");
    }

    private static ParleyException expiredInvite() {
        return ParleyException.badInput("code", "This invite has expired or been used up").with("subCode", "INVITE_EXPIRED");
    }
}
