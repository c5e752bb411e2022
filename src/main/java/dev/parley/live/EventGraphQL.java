package dev.parley.live;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.event.ChannelEvent;
import dev.parley.live.delivery.EventOutlet;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.live.subscription.Event;
import dev.parley.live.subscription.LiveEvents;
import dev.parley.live.subscription.LiveStream;
import dev.parley.message.Reaction;
import dev.parley.notification.Notification;
import dev.parley.notification.NotificationService;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.presence.Presence;
import dev.parley.typing.TypingEvent;
import dev.parley.user.User;
import dev.parley.user.UserService;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
@ErrorBoundary
public class EventGraphQL {

    private final LiveEvents live;
    private final ChannelAccess channels;
    private final UserService users;
    private final NotificationService notifications;
    private final CurrentCaller caller;
    private final Context context;

    public EventGraphQL(LiveEvents live, ChannelAccess channels, UserService users, NotificationService notifications,
            CurrentCaller caller, Context context) {
        this.live = live;
        this.channels = channels;
        this.users = users;
        this.notifications = notifications;
        this.caller = caller;
        this.context = context;
    }

    @Subscription
    @Description("Everything the caller may see live, in every channel and DM they are in (one per client). "
            + "after: the cursor of the last event received, to resume without gap or duplicate.")
    public Multi<@NonNull Event> events(@Nullable String after,
            @Nullable @Description("People whose presence changes should come as PRESENCE_CHANGED events too.") List<@NonNull String> presenceOf) {
        Caller me = caller.require();
        Event rendering = graphqlContext().get(GraphQLOperations.RENDER);
        return rendering != null ? Multi.createFrom().item(rendering) : shared(me, live.everything(me.userId(), after, presenceOf));
    }

    @Subscription
    @Description("One channel's events; after resumes as in events.")
    public Multi<@NonNull Event> channelEvents(@NonNull @Id String channelId, @Nullable String after) {
        Caller me = caller.require();
        Event rendering = graphqlContext().get(GraphQLOperations.RENDER);
        return rendering != null ? Multi.createFrom().item(rendering) : shared(me, live.channel(me.userId(), channelId, after));
    }

    @Subscription
    @Description("Who starts typing in the channel (not the caller); hide each after its expiresAt.")
    public Multi<@NonNull TypingEvent> typing(@NonNull @Id String channelId) {
        Caller me = caller.require();
        return freshPerEvent(me, live.typing(me.userId(), channelId));
    }

    @Subscription
    @Description("Presence changes of these people (those who share a workspace with the caller).")
    public Multi<@NonNull Presence> presenceChanged(@NonNull List<@NonNull String> userIds) {
        Caller me = caller.require();
        return freshPerEvent(me, live.presenceChanges(me.userId(), userIds));
    }

    /**
     * Over a socket, the stream goes to the socket's {@link EventOutlet}, which renders each event once
     * per group of subscribers ({@link dev.parley.live.delivery.SharedRendering}): this execution then ends with nothing, and
     * nothing of it is kept for the subscription.
     */
    private Multi<Event> shared(Caller me, LiveStream events) {
        EventOutlet outlet = graphqlContext().get(GraphQLOperations.OUTLET);
        if (outlet == null) {
            return freshPerEvent(me, live.multi(events));
        }
        outlet.open(events);
        return Multi.createFrom().empty();
    }

    /** Each event's fields resolve in a request context of their own, acting for the subscriber. */
    private <T> Multi<T> freshPerEvent(Caller me, Multi<T> events) {
        var graphqlContext = graphqlContext();
        return events.invoke(event -> GraphQLOperations.freshRequestFor(graphqlContext, me));
    }

    private graphql.GraphQLContext graphqlContext() {
        return context.unwrap(DataFetchingEnvironment.class).getGraphQlContext();
    }

    @Description("The channel the event happened in (as it is after a CHANNEL_UPDATED), while the caller may read it.")
    public List<Channel> channel(@Source List<Event> events) {
        Map<String, Channel> readable = channels.readableAmong(caller.userId(),
                events.stream().map(Event::channelId).filter(Objects::nonNull).toList());
        return events.stream().map(e -> !readable.containsKey(e.channelId()) ? null
                : e.change() != null && e.change().channel() != null ? e.change().channel() : readable.get(e.channelId())).toList();
    }

    @Description("The reaction after a REACTION_ADDED or REACTION_REMOVED (count 0 when the last one went).")
    public List<Reaction> reaction(@Source List<Event> events) {
        String me = caller.userId();
        return events.stream().map(e -> {
            ChannelEvent change = e.change();
            if (change == null || change.emoji() == null || change.message() == null) {
                return null;
            }
            List<String> userIds = change.message().reactionUsers().getOrDefault(change.emoji(), List.of());
            return new Reaction(change.emoji(), userIds.size(), userIds, userIds.contains(me));
        }).toList();
    }

    @Description("Who joined, left or read (MEMBER_JOINED, MEMBER_LEFT, CHANNEL_READ).")
    public List<User> user(@Source List<Event> events) {
        Map<String, User> found = users.byId(events.stream().map(EventGraphQL::subjectOf).filter(Objects::nonNull).distinct().toList());
        return events.stream().map(e -> subjectOf(e) == null ? null : found.get(subjectOf(e))).toList();
    }

    @Description("The new read marker, for CHANNEL_READ.")
    public List<String> readMessageId(@Source List<Event> events) {
        return events.stream().map(e -> e.change() == null ? null : e.change().readMessageId()).toList();
    }

    @Description("The notification, for NOTIFICATION.")
    public List<Notification> notification(@Source List<Event> events) {
        String me = caller.userId();
        return events.stream().map(e -> e.notificationId() == null ? null : notifications.find(me, e.notificationId()).orElse(null)).toList();
    }

    private static String subjectOf(Event event) {
        return event.change() == null ? null : event.change().userId();
    }
}
