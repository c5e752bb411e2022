package dev.parley.channel;

import dev.parley.platform.graphql.ParleyException;
import dev.parley.workspace.Role;

/**
 * What the channel-access policy decides from, for one person and one channel, and the decisions
 * themselves: a pure function of these facts, with no reads, so every path decides alike (HTTP
 * resolvers and nested fields through {@link ChannelAccess}, which loads the facts; the live streams
 * from facts they keep current as the channel's events arrive).
 *
 * <ul>
 * <li><b>visible</b> (the channel exists for them): they are a member of its workspace and, unless
 * it is public, of the channel itself. Someone who left the workspace sees none of its channels,
 * direct messages included.</li>
 * <li><b>readable</b>: everything visible can be read, its whole history included.</li>
 * <li><b>member</b>: visible, and they are in the channel (its unread counts, reactions, read marker).</li>
 * <li><b>postable</b>: a member, and the channel is not archived.</li>
 * <li><b>may moderate</b> (rename, archive, remove others, delete others' messages): a public or
 * private channel's creator, or an owner or admin of its workspace, who can see it. Direct messages
 * and group DMs have no moderators: there people delete only their own messages.</li>
 * </ul>
 *
 * @param userId         the person
 * @param channel        the channel as last known
 * @param workspaceRole  their role in the channel's workspace, null when they are not a member of it
 * @param channelMember  whether they are in the channel (an active membership: a direct message's
 *                       membership is set aside while its person is out of the workspace)
 */
public record AccessFacts(String userId, Channel channel, Role workspaceRole, boolean channelMember) {

    /** The visibility rule on its own, for paths that know a channel's kind but have not loaded the channel. */
    public static boolean visible(ChannelKind kind, boolean inWorkspace, boolean channelMember) {
        return inWorkspace && (kind == ChannelKind.PUBLIC || channelMember);
    }

    public boolean inWorkspace() {
        return workspaceRole != null;
    }

    public boolean visible() {
        return visible(channel.kind(), inWorkspace(), channelMember);
    }

    /** Today the same as {@link #visible}; paths that show content ask this, so a rule of its own has one place to go. */
    public static boolean readable(ChannelKind kind, boolean inWorkspace, boolean channelMember) {
        return visible(kind, inWorkspace, channelMember);
    }

    public boolean readable() {
        return readable(channel.kind(), inWorkspace(), channelMember);
    }

    public boolean member() {
        return visible() && channelMember;
    }

    public boolean postable() {
        return member() && !channel.archived();
    }

    public boolean mayModerate() {
        return visible() && !channel.isDirect() && (userId.equals(channel.createdBy()) || workspaceRole.administers());
    }

    /** A message's author may delete it; so may whoever moderates its channel. */
    public boolean mayDelete(String authorId) {
        return readable() && (userId.equals(authorId) || mayModerate());
    }

    // --- the answers the API gives when a decision is no ---

    /** NOT_FOUND, exactly as if the channel did not exist. */
    public AccessFacts requireVisible() {
        if (!visible()) {
            throw notFound();
        }
        return this;
    }

    public AccessFacts requireReadable() {
        if (!readable()) {
            throw notFound();
        }
        return this;
    }

    /** Visible, then FORBIDDEN for a (public) channel they have not joined. */
    public AccessFacts requireMember() {
        requireVisible();
        if (!member()) {
            throw ParleyException.forbidden("Join the channel first");
        }
        return this;
    }

    /** A member, then BAD_USER_INPUT (subCode CHANNEL_ARCHIVED, on {@code field}) for an archived channel. */
    public AccessFacts requirePostable(String field) {
        requireMember();
        if (channel.archived()) {
            throw archived(field);
        }
        return this;
    }

    /** Visible, then FORBIDDEN unless they moderate it. */
    public AccessFacts requireModerator() {
        requireVisible();
        if (!mayModerate()) {
            throw ParleyException.forbidden("Only the channel's creator or a workspace admin can do that");
        }
        return this;
    }

    /** Readable (else NOT_FOUND for the message), then FORBIDDEN unless they may delete a message of {@code authorId}. */
    public AccessFacts requireMayDelete(String authorId) {
        if (!readable()) {
            throw ParleyException.notFound("Message");
        }
        if (!mayDelete(authorId)) {
            throw ParleyException.forbidden(channel.isDirect() ? "In a direct message people delete only their own messages"
                    : "Only the author, the channel's creator or an admin can delete a message");
        }
        return this;
    }

    // --- facts as they change, for streams that keep them current ---

    /** After the person joined ({@code true}) or left the channel. */
    public AccessFacts asMember(boolean nowMember) {
        return new AccessFacts(userId, channel, workspaceRole, nowMember);
    }

    /** After the person left the channel's workspace. */
    public AccessFacts outsideWorkspace() {
        return new AccessFacts(userId, channel, null, channelMember);
    }

    public static ParleyException archived(String field) {
        return ParleyException.badInput(field, "The channel is archived").with("subCode", "CHANNEL_ARCHIVED");
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("Channel");
    }
}
