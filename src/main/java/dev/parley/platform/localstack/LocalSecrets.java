package dev.parley.platform.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.parley.platform.security.Ids;

/**
 * Secret keys of a local run (such as the refresh-token key): generated on first start and kept
 * beside the data, so what they sign stays valid across restarts. Production sets them from a Secret.
 */
final class LocalSecrets {

    private LocalSecrets() {
    }

    /** The key kept in {@code file}, made (32 random bytes, URL-safe base64) if there is none yet. */
    static String ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Ids.secretToken());
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the local key " + file, e);
        }
    }
}
