package dev.parley.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The secrets every pod must share (cursor, refresh and download-link keys): checked at start-up, so a
 * pod without one refuses to start and says which, rather than failing at its first use.
 */
public final class SharedSecrets {

    /** Shortest secret accepted, in bytes of its UTF-8 text (openssl rand -base64 32 gives 44). */
    public static final int MIN_BYTES = 32;

    private SharedSecrets() {
    }

    /**
     * The configured secret, or a start-up error naming it.
     *
     * @param property the configuration property, e.g. {@code parley.events.cursor-key}
     * @param variable the environment variable that sets it
     * @param use      what it does, completing "the secret that ..."
     */
    public static String require(Optional<String> configured, String property, String variable, String use) {
        String secret = configured.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                property + " is not set (environment " + variable + "): the secret that " + use
                        + ", the same on every pod, at least " + MIN_BYTES + " characters (e.g. openssl rand -base64 32)"));
        return checked(secret, property);
    }

    /** An optional secret (e.g. a previous key kept while keys rotate): null when unset. */
    public static String optional(Optional<String> configured, String property) {
        return configured.filter(value -> !value.isBlank()).map(secret -> checked(secret, property)).orElse(null);
    }

    private static String checked(String secret, String property) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new IllegalStateException(property + " needs at least " + MIN_BYTES + " characters");
        }
        return secret;
    }
}
