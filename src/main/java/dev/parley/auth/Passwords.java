package dev.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * bcrypt password hashes. bcrypt reads only the first 72 bytes, and passwords may be 128 characters
 * of any script, so the password is first reduced to a SHA-256 digest (44 base64 characters): every
 * character counts.
 */
@ApplicationScoped
class Passwords {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final int cost;
    /** Checked when the email is unknown, so that answer takes as long as a wrong password. */
    private final String decoyHash;

    Passwords(ParleyConfig config) {
        this.cost = config.auth().bcryptCost();
        this.decoyHash = BcryptUtil.bcryptHash(digest("decoy password"), cost);
    }

    static void validate(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ParleyException.badInput("password",
                    "Password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
    }

    String hash(String password) {
        return BcryptUtil.bcryptHash(digest(password), cost);
    }

    boolean matches(String password, String hash) {
        return password != null && BcryptUtil.matches(digest(password), hash);
    }

    void spendDecoyCheck(String password) {
        matches(password == null ? "" : password, decoyHash);
    }

    private static String digest(String password) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
