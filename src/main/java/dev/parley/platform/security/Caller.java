package dev.parley.platform.security;

import java.time.Instant;

/** Who is calling: the verified claims of an access token. */
public record Caller(String userId, String sessionId, String tokenId, Instant expiresAt) {
}
