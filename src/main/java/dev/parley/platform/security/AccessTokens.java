package dev.parley.platform.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues and verifies access tokens: RS256 JWTs, short-lived, with issuer, audience and a
 * {@code token_use} claim checked, and a Redis denylist of revoked token ids ({@code jti}) kept until
 * each token would have expired anyway.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    static final String TOKEN_USE = "token_use";
    static final String ACCESS = "access";
    static final String SESSION = "sid";
    private static final long CLOCK_SKEW_SECONDS = 10;
    private static final String DENIED_TOKEN = "auth:denied-jti:";
    private static final String REVOKED_SESSION = "auth:revoked-sid:";

    private final JWTParser parser;
    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;
    private final ParleyConfig config;

    public AccessTokens(JWTParser parser, RedisDataSource redis, ParleyConfig config) {
        this.parser = parser;
        this.values = redis.value(String.class);
        this.keys = redis.key();
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
        if (revoked(tokenId, sessionId)) {
            throw ParleyException.unauthenticated();
        }
        return new Caller(subject, sessionId, tokenId, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /**
     * Whether the token or its session was signed out. While Redis is unreachable this answers no:
     * people keep chatting through an outage, at the price that a token signed out in the last
     * minutes (it lives 15 at most) still works until Redis is back.
     */
    private boolean revoked(String tokenId, String sessionId) {
        try {
            return keys.exists(DENIED_TOKEN + tokenId, REVOKED_SESSION + sessionId) > 0;
        } catch (RuntimeException redisDown) {
            LOG.warnf("Cannot check sign-outs in Redis (%s); accepting the token", redisDown.getMessage());
            return false;
        }
    }

    /** Refuses this token from now on, until it would have expired anyway (plus clock skew). */
    public void revoke(Caller caller) {
        long seconds = Duration.between(Instant.now(), caller.expiresAt()).getSeconds() + CLOCK_SKEW_SECONDS;
        if (seconds > 0) {
            values.setex(DENIED_TOKEN + caller.tokenId(), seconds, caller.userId());
        }
    }

    /** Refuses every access token of a session still alive (one was issued at most a TTL ago). */
    public void revokeSession(String sessionId) {
        long seconds = config.auth().accessTokenTtl().getSeconds() + CLOCK_SKEW_SECONDS;
        values.setex(REVOKED_SESSION + sessionId, seconds, "revoked");
    }
}
