package dev.parley.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelService;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class NotificationGraphQL {

    private final NotificationService notifications;
    private final ChannelService channels;
    private final MessageStore messages;
    private final UserService users;
    private final CurrentCaller caller;

    public NotificationGraphQL(NotificationService notifications, ChannelService channels, MessageStore messages, UserService users,
            CurrentCaller caller) {
        this.notifications = notifications;
        this.channels = channels;
        this.messages = messages;
        this.users = users;
        this.caller = caller;
    }

    @Query
    @Description("Newest first.")
    public @NonNull NotificationConnection notifications(@Nullable Integer first, @Nullable String after,
            @DefaultValue("false") boolean unreadOnly) {
        var page = notifications.list(caller.userId(), first, after, unreadOnly);
        return new NotificationConnection(page.items(), page.hasMore());
    }

    @Mutation
    public @NonNull Notification markNotificationRead(@NonNull @Id String id) {
        return notifications.markRead(caller.userId(), id);
    }

    @Mutation
    @Description("Returns how many were unread.")
    public int markAllNotificationsRead() {
        return notifications.markAllRead(caller.userId());
    }

    @Query
    public @NonNull NotificationPreferences notificationPreferences() {
        return notifications.preferences(caller.userId());
    }

    @Mutation
    public @NonNull NotificationPreferences updateNotificationPreferences(@NonNull NotificationPreferencesInput input) {
        return notifications.updatePreferences(caller.userId(), input);
    }

    @Description("The channel, while the caller can still see it.")
    public List<Channel> channel(@Source List<Notification> page) {
        Map<String, Channel> visible = new HashMap<>();
        for (String channelId : page.stream().map(Notification::channelId).distinct().toList()) {
            try {
                visible.put(channelId, channels.readable(caller.userId(), "channelId", channelId));
            } catch (ParleyException noLongerVisible) {
                // left the channel or the workspace since: the notification stays, its channel is hidden
            }
        }
        return page.stream().map(n -> visible.get(n.channelId())).toList();
    }

    @Description("The message, while the caller can still see its channel.")
    public List<Message> message(@Source List<Notification> page) {
        List<Channel> visible = channel(page);
        List<Message> found = messages.getAll(page.stream().map(n -> Map.entry(n.channelId(), n.messageId())).toList());
        return java.util.stream.IntStream.range(0, page.size()).mapToObj(i -> visible.get(i) == null ? null : found.get(i)).toList();
    }

    public List<User> actor(@Source List<Notification> page) {
        Map<String, User> found = users.byId(page.stream().map(Notification::actorId).toList());
        return page.stream().map(n -> found.get(n.actorId())).toList();
    }
}
