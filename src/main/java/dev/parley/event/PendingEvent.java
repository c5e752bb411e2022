package dev.parley.event;

import dev.parley.channel.Channel;
import dev.parley.message.Message;

/** A change about to be committed; its sequence number is given when the transaction is written. */
public record PendingEvent(String channelId, EventType type, String actorId, String userId, Message message, String emoji,
        Channel channel, String readMessageId) {
}
