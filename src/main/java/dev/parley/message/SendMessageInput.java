package dev.parley.message;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** {@code clientMessageId} makes sending idempotent per sender: a retry returns the first message. */
@Input("SendMessageInput")
public record SendMessageInput(@NonNull @Id String channelId, @NonNull String text, @NonNull String clientMessageId) {
}
