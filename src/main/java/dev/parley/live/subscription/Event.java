package dev.parley.live.subscription;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.parley.event.ChannelEvent;
import dev.parley.event.EventType;
import dev.parley.message.Message;
import dev.parley.presence.Presence;
import dev.parley.typing.TypingEvent;
import io.smallrye.graphql.api.Nullable;

/**
 * What a subscriber receives. Durable events carry the change from the channel's event log; every
 * event carries the subscriber's cursor after it, to pass as {@code after} when resuming.
 */
@Type("Event")
@Description("A change the subscriber may see; cursor resumes right after it.")
public record Event(
        @NonNull String cursor,
        @NonNull EventType type,
        @Nullable @Id String channelId,
        @Nullable @Description("The message as it is now, a tombstone once deleted (message, reaction and thread events).") Message message,
        @Nullable TypingEvent typing,
        @Nullable @Description("For PRESENCE_CHANGED: only for the people named in events(presenceOf).") Presence presence,
        @Ignore ChannelEvent change,
        @Ignore String notificationId) {

    static Event of(ChannelEvent change, String cursor) {
        return new Event(cursor, change.type(), change.channelId(), change.message(), null, null, change, null);
    }

    static Event typing(TypingEvent typing, String cursor) {
        return new Event(cursor, EventType.TYPING, typing.channelId(), null, typing, null, null, null);
    }

    static Event presence(Presence presence, String cursor) {
        return new Event(cursor, EventType.PRESENCE_CHANGED, null, null, null, presence, null, null);
    }

    static Event notification(String notificationId, String cursor) {
        return new Event(cursor, EventType.NOTIFICATION, null, null, null, null, null, notificationId);
    }
}
