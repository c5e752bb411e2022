package dev.parley.user;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/** A person with an account. The password hash never lives here (see {@link UserStore.Credentials}). */
@Type("User")
public record User(
        @NonNull @Id String id,
        @NonNull String email,
        @NonNull String name,
        @Nullable String title,
        @Nullable String timezone,
        @Nullable String statusText,
        @Nullable String statusEmoji,
        @Ignore String currentWorkspaceId,
        @NonNull Instant createdAt,
        @Ignore String avatarFileId) {

    public User withCurrentWorkspace(String workspaceId) {
        return new User(id, email, name, title, timezone, statusText, statusEmoji, workspaceId, createdAt, avatarFileId);
    }
}
