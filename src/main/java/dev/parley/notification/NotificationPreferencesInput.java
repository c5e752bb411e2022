package dev.parley.notification;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/** Without channelId: the caller's default. With it: that channel only. */
@Input("NotificationPreferencesInput")
public record NotificationPreferencesInput(@Nullable @Id String channelId, @NonNull NotifyLevel level, @Nullable Boolean muted) {
}
