package dev.parley.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors (docs/API.md): the key a page ended at, base64url-encoded with a version
 * prefix so the format can change without clients noticing. Also the {@code first} rule.
 */
public final class Cursors {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    private static final String PREFIX = "v1:";

    private Cursors() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor, null for no cursor; BAD_USER_INPUT on {@code after} when it is not ours. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw ParleyException.badInput("after", "Unknown cursor");
    }

    /** {@code first} defaults to 50 and is clamped to 200; zero or less is a mistake. */
    public static int pageSize(Integer first) {
        if (first == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (first < 1) {
            throw ParleyException.badInput("first", "first must be at least 1");
        }
        return Math.min(first, MAX_PAGE_SIZE);
    }
}
