package dev.parley.event;

import java.time.Instant;

/**
 * A place in one channel's log: the sequence of an event and that event's time. {@code seq} 0 is
 * before the first event (then {@code at} is null); {@code at} is also null where it is not known.
 */
public record LogPosition(long seq, Instant at) {

    /** Before the first event of a channel. */
    public static final LogPosition START = new LogPosition(EventItems.HEAD_SEQ, null);

    /** Right after this position, with its time not known. */
    public static LogPosition after(long seq) {
        return new LogPosition(seq, null);
    }
}
