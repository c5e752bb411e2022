package dev.parley.channel;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

@Input("CreateChannelInput")
public record ChannelInput(@NonNull @Id String workspaceId, @NonNull String name, @Nullable Boolean isPrivate,
        @Nullable String topic, @Nullable String purpose) {
}
