package dev.parley.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Signed tokens open only unchanged, for their holder and purpose, under a key the server has. */
class SignaturesTest {

    private static final String OLD_KEY = "an old signing key of at least 32 bytes";
    private static final String NEW_KEY = "the new signing key of at least 32 bytes";
    private static final byte[] PAYLOAD = "where ann stands".getBytes(StandardCharsets.UTF_8);

    private final Signatures signer = new Signatures("event-cursor", 2, NEW_KEY, null);

    @Test
    void aTokenOpensForItsHolderOnly() {
        String token = signer.seal("ann", PAYLOAD);
        assertArrayEquals(PAYLOAD, signer.open("ann", token).orElseThrow());
        assertEquals(Optional.empty(), signer.open("bob", token));
    }

    @Test
    void everyChangedByteIsRefused() {
        byte[] token = Base64.getUrlDecoder().decode(signer.seal("ann", PAYLOAD));
        for (int i = 0; i < token.length; i++) {
            byte[] changed = token.clone();
            changed[i] ^= 0x01;
            assertEquals(Optional.empty(), signer.open("ann", Base64.getUrlEncoder().withoutPadding().encodeToString(changed)), "byte " + i);
        }
        byte[] shorter = java.util.Arrays.copyOf(token, token.length - 1);
        assertEquals(Optional.empty(), signer.open("ann", Base64.getUrlEncoder().withoutPadding().encodeToString(shorter)));
        assertEquals(Optional.empty(), signer.open("ann", "not base64!"));
        assertEquals(Optional.empty(), signer.open("ann", ""));
    }

    @Test
    void aTokenOfAnotherPurposeOrVersionOrKeyIsRefused() {
        String token = signer.seal("ann", PAYLOAD);
        assertEquals(Optional.empty(), new Signatures("invite", 2, NEW_KEY, null).open("ann", token));
        assertEquals(Optional.empty(), new Signatures("event-cursor", 3, NEW_KEY, null).open("ann", token));
        assertEquals(Optional.empty(), new Signatures("event-cursor", 2, OLD_KEY, null).open("ann", token));
    }

    @Test
    void duringARotationTokensOfThePreviousKeyStillOpen() {
        String before = new Signatures("event-cursor", 2, OLD_KEY, null).seal("ann", PAYLOAD);
        Signatures rotating = new Signatures("event-cursor", 2, NEW_KEY, OLD_KEY);
        assertArrayEquals(PAYLOAD, rotating.open("ann", before).orElseThrow());
        String after = rotating.seal("ann", PAYLOAD);
        assertArrayEquals(PAYLOAD, signer.open("ann", after).orElseThrow(), "new tokens are signed with the new key");
        assertEquals(Optional.empty(), signer.open("ann", before), "once the previous key is dropped, its tokens are not");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Signatures("event-cursor", 2, "short", null));
    }
}
