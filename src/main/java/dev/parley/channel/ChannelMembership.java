package dev.parley.channel;

import java.time.Instant;

/**
 * One person in one channel, with their read marker and counters. {@code counterVersion} grows with
 * every counter change, so a recount can tell whether something changed while it counted.
 * {@code leftWorkspace}: the person left the workspace; a direct message keeps their membership (its
 * history and counts are whole if they come back) but it is set aside: they are not in it meanwhile.
 */
public record ChannelMembership(
        String channelId,
        String userId,
        String workspaceId,
        ChannelKind kind,
        Instant joinedAt,
        String lastReadMessageId,
        int unreadCount,
        int mentionCount,
        long counterVersion,
        String notifyLevel,
        boolean muted,
        boolean leftWorkspace) {

    /** In the channel now: a membership not set aside. */
    public boolean active() {
        return !leftWorkspace;
    }
}
