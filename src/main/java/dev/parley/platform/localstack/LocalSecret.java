package dev.parley.platform.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret of a local run (the key that derives refresh tokens' successors, the one that signs
 * event cursors, the one that signs download links): generated on first start and kept beside the data, so what it signed stays valid across
 * restarts. Production sets its own.
 *
 * @param property the setting it fills
 * @param environment the environment variable production sets it from (then nothing is generated)
 * @param fileName its file under the data directory
 */
public record LocalSecret(String property, String environment, String fileName) {

    /** Every secret a local run generates. */
    public static final java.util.List<LocalSecret> ALL = java.util.List.of(
            new LocalSecret("parley.auth.refresh-key", "PARLEY_AUTH_REFRESH_KEY", "refresh-key"),
            new LocalSecret(LocalStack.CURSOR_KEY, "PARLEY_CURSOR_KEY", "cursor-key"),
            new LocalSecret("parley.files.link-secret", "PARLEY_FILES_LINK_SECRET", "files-link-secret"));

    static String ensure(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(secret));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's permissions apply
                }
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the local secret " + file, e);
        }
    }
}
