package dev.parley.channel;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * A conversation space: a public or private channel, or a 1:1 or group direct message. Its
 * {@code lastMessageAt} as the API shows it is kept on the channel's log head (a send writes that,
 * not the channel item); the component here is the channel item's, set by sends before that.
 */
@Type("Channel")
public record Channel(
        @NonNull @Id String id,
        @Ignore String workspaceId,
        @NonNull String name,
        @NonNull ChannelKind kind,
        @Nullable String topic,
        @Nullable String purpose,
        boolean archived,
        @Ignore String createdBy,
        @NonNull Instant createdAt,
        int memberCount,
        @Ignore Instant lastMessageAt) {

    /** The same channel with a new name, topic and purpose. */
    @Ignore
    public Channel withDetails(String newName, String newTopic, String newPurpose) {
        return new Channel(id, workspaceId, newName, kind, newTopic, newPurpose, archived, createdBy, createdAt, memberCount, lastMessageAt);
    }

    @Ignore
    public Channel withArchived(boolean nowArchived) {
        return new Channel(id, workspaceId, name, kind, topic, purpose, nowArchived, createdBy, createdAt, memberCount, lastMessageAt);
    }

    @Ignore
    public boolean isDirect() {
        return kind.isDirect();
    }
}
