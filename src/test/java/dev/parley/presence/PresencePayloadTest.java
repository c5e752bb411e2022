package dev.parley.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The pub/sub payload the subscription side decodes. */
class PresencePayloadTest {

    @Test
    void aPresenceSurvivesEncodeAndDecode() {
        Presence away = new Presence("01J0000000000000000000000A", PresenceStatus.AWAY, Instant.parse("2025-05-01T10:15:30.123Z"), 7);
        assertEquals("7 AWAY 2025-05-01T10:15:30.123Z", away.encode());
        assertEquals(away, Presence.decode(away.userId(), away.encode()));

        Presence never = Presence.offline("01J0000000000000000000000B", null, 0);
        assertEquals("0 OFFLINE -", never.encode());
        assertEquals(never, Presence.decode(never.userId(), never.encode()));

        assertThrows(IllegalArgumentException.class, () -> Presence.decode("x", "ONLINE"));
    }
}
