package dev.parley.notification;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class NotificationGraphQL {

    private final NotificationService notifications;
    private final ChannelAccess channels;
    private final MessageStore messages;
    private final UserService users;
    private final CurrentCaller caller;

    public NotificationGraphQL(NotificationService notifications, ChannelAccess channels, MessageStore messages, UserService users,
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

    @Description("The channel, while the caller may read it (someone who left it or its workspace since keeps the notification).")
    public List<Channel> channel(@Source List<Notification> page) {
        Map<String, Channel> readable = readable(page);
        return page.stream().map(n -> readable.get(n.channelId())).toList();
    }

    @Description("The message, while the caller may read its channel.")
    public List<Message> message(@Source List<Notification> page) {
        Map<String, Channel> readable = readable(page);
        List<Notification> shown = page.stream().filter(n -> readable.containsKey(n.channelId())).toList();
        Map<String, Message> found = messages.getAll(shown.stream().map(n -> Map.entry(n.channelId(), n.messageId())).toList())
                .stream().filter(Objects::nonNull).collect(Collectors.toMap(Message::id, Function.identity(), (a, b) -> a));
        return page.stream().map(n -> readable.containsKey(n.channelId()) ? found.get(n.messageId()) : null).toList();
    }

    private Map<String, Channel> readable(List<Notification> page) {
        return channels.readableAmong(caller.userId(), page.stream().map(Notification::channelId).toList());
    }

    public List<User> actor(@Source List<Notification> page) {
        Map<String, User> found = users.byId(page.stream().map(Notification::actorId).toList());
        return page.stream().map(n -> found.get(n.actorId())).toList();
    }
}
