package dev.parley.platform.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The RS256 key pair of a local run: generated on first start and kept beside the data, so tokens
 * stay valid across restarts. Production mounts its keys from a Secret instead.
 */
final class LocalJwtKeys {

    private LocalJwtKeys() {
    }

    static Map<String, String> ensure(Path dir) {
        Path privateKey = dir.resolve("private-key.pem");
        Path publicKey = dir.resolve("public-key.pem");
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            generate(dir, privateKey, publicKey);
        }
        // The PEM text itself, not the file locations: in dev and test smallrye-jwt supplies an in-memory
        // key pair under these names by default, and a system property is what overrides it.
        return Map.of(LocalStack.JWT_PUBLIC_KEY, read(publicKey), LocalStack.JWT_SIGN_KEY, read(privateKey));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void generate(Path dir, Path privateKey, Path publicKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot create the local JWT key pair in " + dir, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
