package dev.parley.auth;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.security.Hmac;
import dev.parley.platform.security.SharedSecrets;
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

    private final Hmac hmac;

    SuccessorTokens(ParleyConfig config) {
        this.hmac = new Hmac(SharedSecrets.require(config.auth().refreshKey(), "parley.auth.refresh-key", "PARLEY_AUTH_REFRESH_KEY",
                "derives refresh tokens' successors"));
    }

    String of(String refreshToken) {
        return hmac.ofText(refreshToken);
    }
}
