package dev.parley.message;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * A message in a channel or direct message. A deleted message stays as a tombstone: id, author and
 * time remain, text is gone.
 */
@Type("Message")
public record Message(
        @NonNull @Id String id,
        @Ignore String channelId,
        @Ignore String authorId,
        @Nullable String text,
        @NonNull Instant createdAt,
        @Nullable Instant editedAt,
        boolean deleted,
        @Nullable @Id String threadId,
        @Ignore String clientMessageId) {
}
