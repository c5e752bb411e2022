package dev.parley.message;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/**
 * {@code clientMessageId} makes sending idempotent per sender: a retry returns the first message.
 * {@code threadId} makes it a reply (to a reply: to that reply's root). {@code fileIds} attaches up
 * to ten of the sender's completed uploads; with files, the text may be empty.
 */
@Input("SendMessageInput")
public record SendMessageInput(@NonNull @Id String channelId, @NonNull String text, @NonNull String clientMessageId,
        @Nullable @Id String threadId,
        @Nullable @Description("Up to 10 of your completed uploads, each attached to one message only.") List<@NonNull String> fileIds) {
}
