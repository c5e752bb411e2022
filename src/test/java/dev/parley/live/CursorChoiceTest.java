package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEventLog;
import dev.parley.live.feed.ChannelPosition;
import dev.parley.live.subscription.EventCursor;
import dev.parley.platform.security.Ids;

/** Which positions a cursor lists, which its time implies, and its binary form. */
class CursorChoiceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long T = NOW.minus(ChannelEventLog.SETTLE_TIME).toEpochMilli();

    @Test
    void channelsQuietSinceTheirLastEventNeedNoEntry() {
        Map<String, ChannelPosition> followed = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            followed.put(Ids.newId(), new ChannelPosition(i + 1, T - 60_000 - i, T));
        }
        EventCursor cursor = EventCursor.of(followed, Map.of(), Long.MIN_VALUE, NOW);
        assertEquals(Map.of(), cursor.positions());
        assertEquals(T, cursor.at().toEpochMilli());
        assertTrue(cursor.toBytes().length <= 8, "200 quiet channels in " + cursor.toBytes().length + " bytes");
    }

    @Test
    void aChannelWithAnEventAfterTheTimeOrNotKnownToBeQuietIsListed() {
        String busy = Ids.newId(), unsure = Ids.newId(), unknownTime = Ids.newId(), atTheEdges = Ids.newId(), empty = Ids.newId();
        Map<String, ChannelPosition> followed = Map.of(
                Ids.newId(), new ChannelPosition(5, T - 1000, T),
                busy, new ChannelPosition(9, T + 1, ChannelPosition.NOT_QUIET),
                unsure, new ChannelPosition(3, T - 1000, ChannelPosition.NOT_QUIET),
                unknownTime, new ChannelPosition(4, ChannelPosition.UNKNOWN_TIME, T),
                atTheEdges, new ChannelPosition(7, T, T),
                empty, new ChannelPosition(0, Long.MIN_VALUE, T));
        EventCursor cursor = EventCursor.of(followed, Map.of(), Long.MIN_VALUE, NOW);
        assertEquals(T, cursor.at().toEpochMilli());
        assertEquals(Map.of(busy, 9L, unsure, 3L, unknownTime, 4L), cursor.positions(),
                "an event exactly at the time, and quiet exactly until it, is implied");
    }

    @Test
    void theTimeIsTheOneThatImpliesMostChannelsTheLatestOnTies() {
        Map<String, ChannelPosition> followed = new HashMap<>();
        Set<String> early = Set.of(Ids.newId(), Ids.newId());
        early.forEach(id -> followed.put(id, new ChannelPosition(1, T - 9000, T - 8000)));
        for (int i = 0; i < 3; i++) {
            followed.put(Ids.newId(), new ChannelPosition(1, T - 5000, T - 1000));
        }
        EventCursor cursor = EventCursor.of(followed, Map.of(), Long.MIN_VALUE, NOW);
        assertEquals(T - 1000, cursor.at().toEpochMilli());
        assertEquals(early, cursor.positions().keySet());
        assertEquals(T - 1000 + 500, EventCursor.of(followed, Map.of(), T - 1000 + 500, NOW).at().toEpochMilli(),
                "never before the previous cursor's time");
    }

    @Test
    void aChannelLeftAfterTheTimeIsListedUntilTheTimePassesIt() {
        String left = Ids.newId();
        Map<String, ChannelPosition> departed = Map.of(left, new ChannelPosition(12, T + 10, ChannelPosition.NOT_QUIET));
        assertEquals(Map.of(left, 12L), EventCursor.of(Map.of(), departed, Long.MIN_VALUE, NOW).positions());
        assertEquals(Map.of(), EventCursor.of(Map.of(), departed, T + 10, NOW).positions());
    }

    @Test
    void theBinaryFormRoundTripsAndRefusesAnythingElse() {
        Map<String, Long> positions = Map.of(Ids.newId(), 1L, Ids.newId(), 300L, Ids.newId(), Long.MAX_VALUE, "00000000000000000000000000", 0L);
        EventCursor cursor = new EventCursor(Instant.ofEpochMilli(T), positions);
        byte[] bytes = cursor.toBytes();
        assertEquals(cursor, EventCursor.fromBytes(bytes));
        assertEquals(6 + 1 + 4 * 16 + 1 + 2 + 9 + 1, bytes.length, "ids in 16 bytes, sequences as varints");
        assertThrows(IllegalArgumentException.class, () -> EventCursor.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> EventCursor.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> EventCursor.fromBytes(new byte[0]));
    }
}
