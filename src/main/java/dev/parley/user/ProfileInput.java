package dev.parley.user;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import io.smallrye.graphql.api.Nullable;

/** Fields left out (null) stay as they are; an empty string clears an optional one. */
@Input("UpdateProfileInput")
public record ProfileInput(@Nullable String name, @Nullable String title, @Nullable String timezone,
        @Nullable String statusText, @Nullable String statusEmoji,
        @Nullable @Id @Description("An image you uploaded and completed (not attached to a message); empty removes the avatar.")
        String avatarFileId) {
}
