package dev.parley.live.feed;

import java.time.Instant;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.LogPosition;

/**
 * A subscriber's place in one channel: the last sequence it has ({@code seq}), the time of that event
 * ({@code eventAt}), and a time until which nothing after it happened in the channel
 * ({@code quietUntil}, which the channel's feed knows: {@link ChannelFeeds#settled}), both in epoch
 * milliseconds. Where eventAt <= t <= quietUntil, the channel's position at time t (its last event
 * at or before t) is exactly {@code seq}, so a cursor of time t needs no entry for it.
 */
public record ChannelPosition(long seq, long eventAt, long quietUntil) {

    /** eventAt when that event's time is not known (no t is at or after it). */
    public static final long UNKNOWN_TIME = Long.MAX_VALUE;
    /** quietUntil when nothing is known (no t is at or before it). */
    public static final long NOT_QUIET = Long.MIN_VALUE;

    /** Starting right after {@code position}; when the channel has been quiet since is not known yet. */
    public static ChannelPosition of(LogPosition position) {
        return new ChannelPosition(position.seq(), eventTime(position), NOT_QUIET);
    }

    /** Nothing after this position happened up to {@code until}; {@code last} is this position, maybe with its time. */
    ChannelPosition settled(LogPosition last, Instant until) {
        long at = eventAt == UNKNOWN_TIME ? eventTime(last) : eventAt;
        return new ChannelPosition(seq, at, Math.max(quietUntil, until.toEpochMilli()));
    }

    /** As kept once the channel is left: an unknown event time becomes the latest it can be (its event came before now). */
    public ChannelPosition departed(Instant now) {
        return eventAt != UNKNOWN_TIME ? this : new ChannelPosition(seq, now.plus(ChannelEventLog.SETTLE_TIME).toEpochMilli(), quietUntil);
    }

    /** Whether a cursor of time {@code t} (epoch ms) implies this position. */
    public boolean impliedAt(long t) {
        return eventAt <= t && t <= quietUntil;
    }

    /**
     * An event's time rounded up to a millisecond (events before this log kept microseconds), so that
     * eventAt <= t still means the event happened at or before t.
     */
    private static long eventTime(LogPosition position) {
        if (position.seq() == 0) {
            return Long.MIN_VALUE; // before the first event: before any time
        }
        Instant at = position.at();
        if (at == null) {
            return UNKNOWN_TIME;
        }
        return at.toEpochMilli() + (at.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
