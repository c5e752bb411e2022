package dev.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.Startup;

/**
 * The refresh token that succeeds another: {@code base64url(HMAC-SHA256(parley.auth.refresh-key, token))}.
 * Being derived rather than drawn, it is the same for every request that presents the same token, so
 * two refreshes racing with one token can both answer with the one successor while the table keeps
 * only hashes (a copy of the table yields no token: deriving needs the key and the token itself).
 */
@ApplicationScoped
@Startup // a missing or short key stops the start, not the first refresh
class SuccessorTokens {

    static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    SuccessorTokens(ParleyConfig config) {
        String configured = config.auth().refreshKey().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "parley.auth.refresh-key is not set (environment PARLEY_AUTH_REFRESH_KEY): the secret that derives refresh tokens' "
                        + "successors, the same on every pod (e.g. openssl rand -base64 32)"));
        if (configured.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("parley.auth.refresh-key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(configured.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String of(String refreshToken) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
