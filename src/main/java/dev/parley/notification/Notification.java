package dev.parley.notification;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Notification")
public record Notification(
        @NonNull @Id String id,
        @Ignore String userId,
        @NonNull NotificationKind kind,
        @Ignore String messageId,
        @Ignore String channelId,
        @Ignore String actorId,
        boolean read,
        @NonNull Instant createdAt) {
}
