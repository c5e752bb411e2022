package dev.parley.platform.security;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Opaque, time-sortable identifiers (ULID: 48 bits of milliseconds, 80 random bits, Crockford
 * base32), so that ids order like creation times in DynamoDB sort keys.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** Each character's value in {@link #ALPHABET} (by its code below 128), -1 for the others. */
    private static final byte[] DIGITS = new byte[128];
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        java.util.Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGITS[ALPHABET[i]] = (byte) i;
        }
    }

    private Ids() {
    }

    public static String newId() {
        return newId(Instant.now());
    }

    public static String newId(Instant time) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        long millis = time.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits -> 16 characters
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

    /** When an id was made (its first 48 bits); the id must be valid. */
    public static Instant timeOf(String id) {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | digit(id.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    /** True for strings shaped like the ids this class makes. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 26) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (digit(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        return c < DIGITS.length ? DIGITS[c] : -1;
    }

    /** The 128 bits of an id, for compact binary forms (an id from {@link #fromBytes} or this class). */
    public static byte[] toBytes(String id) {
        byte[] bytes = new byte[16];
        toBytes(id, bytes, 0);
        return bytes;
    }

    /** Writes {@link #toBytes} into {@code out} from {@code at}; returns where it ended (16 bytes on). */
    public static int toBytes(String id, byte[] out, int at) {
        if (!isValid(id) || id.charAt(0) > '7') {
            throw new IllegalArgumentException("not an id: " + id);
        }
        long high = 0, low = 0;
        for (int i = 0; i < id.length(); i++) {
            high = (high << 5) | (low >>> 59);
            low = (low << 5) | digit(id.charAt(i));
        }
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) high;
            out[at + 8 + i] = (byte) low;
            high >>>= 8;
            low >>>= 8;
        }
        return at + 16;
    }

    /** The id whose bits {@link #toBytes} gave. */
    public static String fromBytes(byte[] bytes) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        long high = buffer.getLong(), low = buffer.getLong();
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | (high << 59);
            high >>>= 5;
        }
        return new String(out);
    }

    /** A random token for secrets (refresh tokens, invite codes): 32 bytes, URL-safe base64. */
    public static String secretToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
