package dev.parley.event;

import java.util.List;

import dev.parley.channel.Channel;
import dev.parley.message.Message;

/** A change about to be committed; its sequence number is given when the transaction is written. */
public record PendingEvent(String channelId, EventType type, String actorId, String userId, Message message, String emoji,
        Channel channel, String readMessageId) {

    /** MESSAGE_CREATED, MESSAGE_EDITED, MESSAGE_DELETED or THREAD_UPDATED, with the message after the change. */
    public static PendingEvent ofMessage(EventType type, String actorId, Message message) {
        return new PendingEvent(message.channelId(), type, actorId, null, message, null, null, null);
    }

    /** REACTION_ADDED or REACTION_REMOVED by {@code actorId}, with the message after the change. */
    public static PendingEvent ofReaction(EventType type, String actorId, Message message, String emoji) {
        return new PendingEvent(message.channelId(), type, actorId, null, message, emoji, null, null);
    }

    /** MEMBER_JOINED or MEMBER_LEFT of {@code userId}, done by {@code actorId} (themselves or someone adding or removing them). */
    public static PendingEvent ofMember(EventType type, String channelId, String actorId, String userId) {
        return new PendingEvent(channelId, type, actorId, userId, null, null, null, null);
    }

    /** MEMBER_JOINED for each of {@code userIds}. */
    public static List<PendingEvent> joined(String channelId, String actorId, List<String> userIds) {
        return userIds.stream().map(userId -> ofMember(EventType.MEMBER_JOINED, channelId, actorId, userId)).toList();
    }

    /** CHANNEL_UPDATED, with the channel after the change. */
    public static PendingEvent ofChannel(String actorId, Channel channel) {
        return new PendingEvent(channel.id(), EventType.CHANNEL_UPDATED, actorId, null, null, null, channel, null);
    }

    /** CHANNEL_READ: the reader's marker moved to {@code readMessageId}. */
    public static PendingEvent ofRead(String channelId, String readerId, String readMessageId) {
        return new PendingEvent(channelId, EventType.CHANNEL_READ, readerId, readerId, null, null, null, readMessageId);
    }
}
