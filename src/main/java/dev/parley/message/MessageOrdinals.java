package dev.parley.message;

import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.memory.Lru;

/**
 * Which channel a message is in and its top-level ordinal, for the messages this pod sent or read
 * recently: both are fixed when it is sent and never change (a deletion leaves its tombstone at the
 * same place), so {@code markChannelRead} of a recent message needs no read of it. Least recently
 * used ones are forgotten beyond {@link #CAPACITY}.
 */
@ApplicationScoped
class MessageOrdinals {

    static final int CAPACITY = 50_000;

    private record Place(String channelId, long ordinal) {
    }

    private final Map<String, Place> places = Lru.map(CAPACITY);

    void remember(Message message) {
        places.put(message.id(), new Place(message.channelId(), message.ordinal()));
    }

    /** The message's ordinal if this pod knows it as a message of {@code channelId}. */
    OptionalLong ordinal(String channelId, String messageId) {
        Place place = places.get(messageId);
        return place != null && place.channelId().equals(channelId) ? OptionalLong.of(place.ordinal()) : OptionalLong.empty();
    }
}
