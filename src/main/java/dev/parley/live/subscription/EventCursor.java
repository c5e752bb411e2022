package dev.parley.live.subscription;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.parley.event.ChannelEventLog;
import dev.parley.live.feed.ChannelPosition;
import dev.parley.platform.security.Ids;

/**
 * Where a subscriber stands, compactly: a time {@code at}, and the positions of only those channels
 * whose position {@code at} does not imply. For every other channel the position is the channel's last
 * event at or before {@code at} (event times increase with sequences, so that is one exact place). A
 * channel is implied when the subscriber has its last event at or before {@code at} and nothing after
 * it had happened by then, which holds for every channel without events in the last few seconds: the
 * size grows only with the channels active lately, not with all the person is in. Clients pass the
 * cursor of the last event they received as {@code after} to resume; {@link EventCursors} signs it.
 *
 * <p>Binary: varint of {@code at} (epoch ms), varint count, then per channel its id (16 bytes) and
 * varint sequence, ordered by channel id.
 */
public record EventCursor(Instant at, Map<String, Long> positions) {

    /** The longest varint of a non-negative long. */
    private static final int MAX_VARINT = 10;

    /**
     * The cursor of a subscriber at {@code followed} (and of channels it left lately, {@code departed}):
     * {@code at} is the time that implies most positions, the latest such time and never before
     * {@code notBefore} (epoch ms); the other positions are listed.
     */
    public static EventCursor of(Map<String, ChannelPosition> followed, Map<String, ChannelPosition> departed, long notBefore, Instant now) {
        long t = Math.max(notBefore, bestTime(followed.values(), now));
        Map<String, Long> listed = new HashMap<>();
        followed.forEach((channelId, position) -> {
            if (!position.impliedAt(t)) {
                listed.put(channelId, position.seq());
            }
        });
        // A channel left after t: its position at t would replay what was delivered, should the person rejoin.
        departed.forEach((channelId, position) -> {
            if (position.eventAt() > t) {
                listed.put(channelId, position.seq());
            }
        });
        return new EventCursor(Instant.ofEpochMilli(t), listed);
    }

    /**
     * The time inside the most [eventAt, quietUntil] ranges, preferring later ones; without any, the
     * latest time every pod's events have surely settled by. Plain arrays: live delivery computes this
     * for every socket and event.
     */
    private static long bestTime(Collection<ChannelPosition> positions, Instant now) {
        long[] starts = new long[positions.size()], ends = new long[positions.size()];
        int ranges = 0;
        for (ChannelPosition position : positions) {
            if (position.eventAt() <= position.quietUntil()) {
                starts[ranges] = position.eventAt();
                ends[ranges++] = position.quietUntil();
            }
        }
        Arrays.sort(starts, 0, ranges);
        Arrays.sort(ends, 0, ranges);
        long best = now.minus(ChannelEventLog.SETTLE_TIME).toEpochMilli();
        int bestCount = 0;
        // Some range's end is always among the best times (moving right up to an end loses no range).
        for (int i = ranges - 1; i >= 0; i--) {
            long t = ends[i];
            int inside = countAtOrBelow(starts, ranges, t) - countAtOrBelow(ends, ranges, t - 1);
            if (inside > bestCount) {
                best = t;
                bestCount = inside;
            }
        }
        return best;
    }

    /** How many of the first {@code length} sorted values are at most {@code limit}. */
    private static int countAtOrBelow(long[] sorted, int length, long limit) {
        int low = 0, high = length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= limit) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    public byte[] toBytes() {
        String[] channels = positions.keySet().toArray(new String[0]);
        Arrays.sort(channels);
        byte[] out = new byte[2 * MAX_VARINT + channels.length * (16 + MAX_VARINT)];
        int at = writeVarint(out, 0, this.at.toEpochMilli());
        at = writeVarint(out, at, channels.length);
        for (String channelId : channels) {
            at = Ids.toBytes(channelId, out, at);
            at = writeVarint(out, at, positions.get(channelId));
        }
        return Arrays.copyOf(out, at);
    }

    /** The cursor {@link #toBytes} wrote; IllegalArgumentException for anything else. */
    public static EventCursor fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            Instant at = Instant.ofEpochMilli(readVarint(in));
            long count = readVarint(in);
            if (count > in.remaining() / 17) {
                throw new IllegalArgumentException("more positions than bytes");
            }
            Map<String, Long> positions = new HashMap<>();
            for (long i = 0; i < count; i++) {
                byte[] id = new byte[16];
                in.get(id);
                positions.put(Ids.fromBytes(id), readVarint(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new EventCursor(at, positions);
        } catch (BufferUnderflowException truncated) {
            throw new IllegalArgumentException("truncated", truncated);
        }
    }

    /** A non-negative number, seven bits per byte, low bits first; the high bit says more follow. Returns where it ended. */
    private static int writeVarint(byte[] out, int at, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        while (value >= 0x80) {
            out[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte next = in.get();
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
