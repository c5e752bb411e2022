package dev.parley.workspace;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/** An invite code to a workspace: for anyone holding it, or for one email; limited in time and uses. */
@Type("Invite")
public record Invite(
        @NonNull String code,
        @Ignore String workspaceId,
        @Nullable String email,
        @NonNull Instant expiresAt,
        @Nullable Integer maxUses,
        int uses) {
}
