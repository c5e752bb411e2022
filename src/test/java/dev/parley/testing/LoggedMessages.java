package dev.parley.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.PendingEvent;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.security.Ids;

/**
 * Writes a message and its MESSAGE_CREATED event straight through a given event log, as another pod
 * would (one whose clock is off, or whose Redis notices never arrive), without the API's counters.
 */
public final class LoggedMessages {

    private LoggedMessages() {
    }

    public static String write(ChannelEventLog log, MessageStore messages, String channelId, String authorId, String text) {
        Instant now = Instant.now();
        Message message = new Message(Ids.newId(now), channelId, authorId, text, now, null, false, null, 0, null, List.of(), List.of(),
                false, Map.of(), UUID.randomUUID().toString(), List.of(), 0);
        OptionalInt failed = log.transact(messages.sending(message), List.of(PendingEvent.ofMessage(EventType.MESSAGE_CREATED, authorId, message)));
        if (failed.isPresent()) {
            throw new IllegalStateException("writing the message failed at item " + failed.getAsInt());
        }
        return message.id();
    }
}
