package dev.parley.event;

import java.time.Instant;

import dev.parley.channel.Channel;
import dev.parley.message.Message;

/**
 * One durable change to a channel, as kept in its event log: {@code seq} increases by one per
 * change within the channel, in commit order.
 *
 * @param actorId  who made the change
 * @param userId   whom it concerns, for MEMBER_JOINED, MEMBER_LEFT and CHANNEL_READ (else null)
 * @param message  the message after the change, for message, reaction and thread events (else null)
 * @param emoji    the reaction's emoji, for reaction events (else null)
 * @param channel  the channel after the change, for CHANNEL_UPDATED (else null)
 * @param readMessageId the new read marker, for CHANNEL_READ (else null)
 */
public record ChannelEvent(String channelId, long seq, EventType type, Instant at, String actorId, String userId,
        Message message, String emoji, Channel channel, String readMessageId) {
}
