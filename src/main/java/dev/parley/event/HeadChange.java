package dev.parley.event;

import java.time.Instant;

/**
 * What a commit changes on its channel's head besides the log position (which every commit moves):
 * a new top-level message ordinal and newest message, the archived flag; and whether the commit
 * needs the channel open (not archived), checked by the head's own condition.
 */
public record HeadChange(Long ordinal, String lastMessageId, Instant lastMessageAt, Boolean archived, boolean requireOpen) {

    /** Only the log position moves. */
    public static final HeadChange NONE = new HeadChange(null, null, null, null, false);

    /** Messages were posted: the newest is {@code lastMessageId}, the ordinal is now {@code ordinal}; only while open. */
    public static HeadChange posted(long ordinal, String lastMessageId, Instant at) {
        return new HeadChange(ordinal, lastMessageId, at, null, true);
    }

    /** The channel is archived now, or open again. */
    public static HeadChange archiving(boolean archived) {
        return new HeadChange(null, null, null, archived, false);
    }
}
