package dev.parley.event;

import java.time.Instant;

import dev.parley.channel.Channel;
import dev.parley.message.Message;

/**
 * One durable change to a channel, as read from its event log: {@code seq} increases by one per
 * change within the channel, in commit order, and so does {@code at} (by at least a millisecond).
 *
 * @param actorId  who made the change
 * @param userId   whom it concerns, for MEMBER_JOINED, MEMBER_LEFT and CHANNEL_READ (else null)
 * @param message  the message the event is about, as it is now (a tombstone once deleted, the current
 *                 text once edited), for message, reaction and thread events (else null)
 * @param emoji    the reaction's emoji, for reaction events (else null)
 * @param channel  the channel after the change, for CHANNEL_UPDATED (else null)
 * @param readMessageId the new read marker, for CHANNEL_READ (else null)
 */
public record ChannelEvent(String channelId, long seq, EventType type, Instant at, String actorId, String userId,
        Message message, String emoji, Channel channel, String readMessageId) {

    public LogPosition position() {
        return new LogPosition(seq, at);
    }
}
