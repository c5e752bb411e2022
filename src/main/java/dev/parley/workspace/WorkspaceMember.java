package dev.parley.workspace;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A person's membership of a workspace; {@code user} is resolved per page. */
@Type("WorkspaceMember")
public record WorkspaceMember(
        @Ignore String workspaceId,
        @Ignore String userId,
        @NonNull Role role,
        @NonNull Instant joinedAt) {

    public boolean canAdminister() {
        return role.administers();
    }
}
