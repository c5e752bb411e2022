package dev.parley.auth;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.security.Caller;
import dev.parley.user.User;
import dev.parley.workspace.Workspace;
import io.smallrye.graphql.api.Nullable;

/**
 * What a client keeps after signing in; {@code expiresAt} is when the access token expires. The
 * {@code caller} is who the rest of the request acts as (for fields like {@code workspace.role}).
 */
@Type("AuthPayload")
public record AuthPayload(
        @NonNull String accessToken,
        @NonNull String refreshToken,
        @NonNull Instant expiresAt,
        @NonNull User user,
        @Nullable Workspace workspace,
        @Ignore Caller caller) {
}
