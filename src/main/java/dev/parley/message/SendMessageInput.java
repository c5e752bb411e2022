package dev.parley.message;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/**
 * {@code clientMessageId} makes sending idempotent per sender: a retry returns the first message.
 * {@code threadId} makes it a reply (to a reply: to that reply's root).
 */
@Input("SendMessageInput")
public record SendMessageInput(@NonNull @Id String channelId, @NonNull String text, @NonNull String clientMessageId,
        @Nullable @Id String threadId) {
}
