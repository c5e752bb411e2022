package dev.parley.workspace;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Workspace")
public record Workspace(
        @NonNull @Id String id,
        @NonNull String name,
        @Ignore String ownerId,
        @Ignore String generalChannelId,
        @NonNull Instant createdAt,
        @Ignore String iconFileId) {

    public Workspace withDetails(String newName, String newIconFileId) {
        return new Workspace(id, newName, ownerId, generalChannelId, createdAt, newIconFileId);
    }
}
