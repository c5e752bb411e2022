package dev.parley.event;

import java.time.Instant;

/**
 * A channel's head item as the log keeps it, written by every change to the channel: where its log
 * is ({@code position}), how many top-level messages it has had ({@code ordinal}: the n-th top-level
 * message has ordinal n, deletions do not take it back), its newest message and when it was sent,
 * and whether the channel is archived. The head's condition ({@code lastSeq}) makes a head read or
 * remembered before a commit exact at the commit, so a writer may build on these values.
 */
public record ChannelHead(LogPosition position, long ordinal, String lastMessageId, Instant lastMessageAt, boolean archived) {

    /** The head of a channel with no events yet. */
    public static final ChannelHead EMPTY = new ChannelHead(LogPosition.START, 0, null, null, false);

    public long seq() {
        return position.seq();
    }
}
