package dev.parley.event;

import java.util.List;

import dev.parley.channel.Channel;
import dev.parley.message.Message;

/**
 * A change about to be committed; its sequence number is given when the transaction is written.
 * A message event keeps only the message's id in the log: readers of the log get the message as it
 * is when they read (see {@link ChannelEventLog#read}), so no text is kept in the log.
 *
 * @param committed the message as this commit leaves it, when the writer knows it exactly (a new
 *                  message, an edit): it then travels in the Redis notice ({@link EventNotice}), never
 *                  into the log; null otherwise (the notice is a pointer and readers read the log)
 */
public record PendingEvent(String channelId, EventType type, String actorId, String userId, String messageId, String emoji,
        Channel channel, String readMessageId, Message committed) {

    /** MESSAGE_CREATED, MESSAGE_EDITED, MESSAGE_DELETED or THREAD_UPDATED, about {@code message} (as it was before the commit). */
    public static PendingEvent ofMessage(EventType type, String actorId, Message message) {
        return new PendingEvent(message.channelId(), type, actorId, null, message.id(), null, null, null, null);
    }

    /** MESSAGE_CREATED or MESSAGE_EDITED, with {@code after} exactly as the commit stores it. */
    public static PendingEvent ofCommitted(EventType type, String actorId, Message after) {
        return new PendingEvent(after.channelId(), type, actorId, null, after.id(), null, null, null, after);
    }

    /** REACTION_ADDED or REACTION_REMOVED of {@code emoji} by {@code actorId}, on {@code message}. */
    public static PendingEvent ofReaction(EventType type, String actorId, Message message, String emoji) {
        return new PendingEvent(message.channelId(), type, actorId, null, message.id(), emoji, null, null, null);
    }

    /** MEMBER_JOINED or MEMBER_LEFT of {@code userId}, done by {@code actorId} (themselves or someone adding or removing them). */
    public static PendingEvent ofMember(EventType type, String channelId, String actorId, String userId) {
        return new PendingEvent(channelId, type, actorId, userId, null, null, null, null, null);
    }

    /** MEMBER_JOINED for each of {@code userIds}. */
    public static List<PendingEvent> joined(String channelId, String actorId, List<String> userIds) {
        return userIds.stream().map(userId -> ofMember(EventType.MEMBER_JOINED, channelId, actorId, userId)).toList();
    }

    /** CHANNEL_UPDATED, with the channel after the change (names and topics are not private text). */
    public static PendingEvent ofChannel(String actorId, Channel channel) {
        return new PendingEvent(channel.id(), EventType.CHANNEL_UPDATED, actorId, null, null, null, channel, null, null);
    }

    /** CHANNEL_READ: the reader's marker moved to {@code readMessageId}. */
    public static PendingEvent ofRead(String channelId, String readerId, String readMessageId) {
        return new PendingEvent(channelId, EventType.CHANNEL_READ, readerId, readerId, null, null, null, readMessageId, null);
    }
}
