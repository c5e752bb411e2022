package dev.parley.platform.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.health.Degradations;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues and verifies access tokens: RS256 JWTs, short-lived, with issuer, audience and a
 * {@code token_use} claim checked, and signed-out tokens and sessions refused ({@link RevokedTokens},
 * held on this pod: verifying makes no network call).
 */
@ApplicationScoped
public class AccessTokens {

    static final String TOKEN_USE = "token_use";
    static final String ACCESS = "access";
    static final String SESSION = "sid";

    private final JWTParser parser;
    private final RevokedTokens revoked;
    private final Degradations degradations;
    private final ParleyConfig config;

    public AccessTokens(JWTParser parser, RevokedTokens revoked, Degradations degradations, ParleyConfig config) {
        this.parser = parser;
        this.revoked = revoked;
        this.degradations = degradations;
        this.config = config;
    }

    public record Issued(String token, Caller caller) {
        public Instant expiresAt() {
            return caller.expiresAt();
        }
    }

    public Issued issue(String userId, String sessionId) {
        return issue(userId, sessionId, config.auth().accessTokenTtl());
    }

    /** A token with its own lifetime (tests of what happens when one runs out). */
    public Issued issue(String userId, String sessionId, Duration lifetime) {
        Instant expiresAt = Instant.now().plus(lifetime);
        String tokenId = Ids.newId();
        String token = Jwt.issuer(config.auth().issuer())
                .audience(config.auth().audience())
                .subject(userId)
                .claim(SESSION, sessionId)
                .claim(TOKEN_USE, ACCESS)
                .claim("jti", tokenId)
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign();
        return new Issued(token, new Caller(userId, sessionId, tokenId, expiresAt));
    }

    /** The caller an {@code Authorization: Bearer <token>} value speaks for, or UNAUTHENTICATED (also when null). */
    public Caller verifyAuthorization(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ParleyException.unauthenticated();
        }
        return verify(authorization.substring(7).trim());
    }

    /** The caller a token speaks for, or UNAUTHENTICATED: bad signature, expired, revoked, wrong kind. */
    public Caller verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException invalid) {
            throw ParleyException.unauthenticated();
        }
        String subject = jwt.getSubject();
        String tokenId = jwt.getTokenID();
        if (!ACCESS.equals(jwt.getClaim(TOKEN_USE)) || subject == null || tokenId == null) {
            throw ParleyException.unauthenticated();
        }
        String sessionId = jwt.getClaim(SESSION);
        if (revoked.isRevoked(tokenId, sessionId)) {
            throw ParleyException.unauthenticated();
        }
        if (!revoked.current()) {
            // People keep chatting through a Redis outage, at the price that a token signed out on another
            // pod meanwhile (it lives 15 minutes at most) still works here until Redis is back.
            degradations.failedOpen(Degradations.Check.SIGN_OUT, "sign-outs made on other pods may be missing here");
        }
        return new Caller(subject, sessionId, tokenId, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /** Refuses this token from now on, on every pod, until it would have expired anyway. */
    public void revoke(Caller caller) {
        revoked.revokeToken(caller.tokenId(), caller.expiresAt());
    }

    /** Refuses every access token of a session, on every pod (one was issued at most a TTL ago). */
    public void revokeSession(String sessionId) {
        revoked.revokeSession(sessionId);
    }
}
