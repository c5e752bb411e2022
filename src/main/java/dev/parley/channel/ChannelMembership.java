package dev.parley.channel;

import java.time.Instant;

/**
 * One person in one channel, with their read marker and what their counts are computed from
 * ({@code reading}, see {@link UnreadCounts}). {@code counterVersion} grows with every change of
 * those, so a recount can tell whether something changed while it counted. {@code leftWorkspace}:
 * the person left the workspace; a direct message keeps their membership (its history and counts
 * are whole if they come back) but it is set aside: they are not in it meanwhile.
 */
public record ChannelMembership(
        String channelId,
        String userId,
        String workspaceId,
        ChannelKind kind,
        Instant joinedAt,
        String lastReadMessageId,
        Reading reading,
        long counterVersion,
        String notifyLevel,
        boolean muted,
        boolean leftWorkspace) {

    /**
     * Where the member's counts stand: they have read the channel's top-level messages up to ordinal
     * {@code readOrdinal} (at joining: the channel's ordinal then); after it, {@code ownAfterRead} of
     * the messages are their own and {@code mentionsAfterRead} mention them by name (the newest of
     * each being {@code lastOwnOrdinal} and {@code lastMentionOrdinal}).
     */
    public record Reading(long readOrdinal, int ownAfterRead, long lastOwnOrdinal, int mentionsAfterRead, long lastMentionOrdinal) {
    }

    /** In the channel now: a membership not set aside. */
    public boolean active() {
        return !leftWorkspace;
    }
}
