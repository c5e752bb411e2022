package dev.parley.notification;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller's default preference and the channels where they set their own. */
@Type("NotificationPreferences")
public record NotificationPreferences(@NonNull NotifyLevel level, boolean muted, @NonNull List<@NonNull ChannelPreference> channels) {

    @Type("ChannelNotificationPreference")
    public record ChannelPreference(@NonNull String channelId, @NonNull NotifyLevel level, boolean muted) {
    }
}
