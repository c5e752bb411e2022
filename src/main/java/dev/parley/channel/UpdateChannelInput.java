package dev.parley.channel;

import org.eclipse.microprofile.graphql.Input;

import io.smallrye.graphql.api.Nullable;

/** Fields left out (null) stay as they are; an empty topic or purpose clears it. */
@Input("UpdateChannelInput")
public record UpdateChannelInput(@Nullable String name, @Nullable String topic, @Nullable String purpose) {
}
