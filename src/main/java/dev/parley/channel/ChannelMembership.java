package dev.parley.channel;

import java.time.Instant;

/**
 * One person in one channel, with their read marker and counters. {@code counterVersion} grows with
 * every counter change, so a recount can tell whether something changed while it counted.
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
        boolean muted) {
}
