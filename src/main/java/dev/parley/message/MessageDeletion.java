package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.PendingEvent;
import dev.parley.file.FileAttachments;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Turning a message into a tombstone, with what it counted for taken back in the same transaction:
 * for a top-level message, the unread (and mention) of every member who had not read it; for a thread
 * reply, its root's summary (replyCount, lastReplyAt, replyUsers), announced as THREAD_UPDATED. When
 * the channel or the thread changed while the writes were prepared, they are prepared again. Its
 * attached files are hidden in the same transaction (and swept from storage after a grace period).
 */
@ApplicationScoped
class MessageDeletion {

    /** Concurrent deletions in one thread each change its root, so a loser may need a few rounds. */
    private static final int ATTEMPTS = 8;

    private final MessageStore messages;
    private final ChannelStore memberships;
    private final ChannelService channels;
    private final ChannelEventLog events;
    private final FileAttachments attachments;

    MessageDeletion(MessageStore messages, ChannelStore memberships, ChannelService channels, ChannelEventLog events,
            FileAttachments attachments) {
        this.attachments = attachments;
        this.messages = messages;
        this.memberships = memberships;
        this.channels = channels;
        this.events = events;
    }

    /** Deletes {@code message} (as stored now, not deleted yet) for {@code callerId}, who may; answers the tombstone. */
    Message delete(String callerId, Message message) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(messages.tombstoning(message));
            writes.addAll(attachments.hiding(message.id(), message.fileIds(), Instant.now()));
            List<PendingEvent> changes = new ArrayList<>(List.of(PendingEvent.ofMessage(EventType.MESSAGE_DELETED, callerId, message)));
            if (message.isReply()) {
                // A root already counting no reply is left alone rather than counted below zero.
                Optional<Message> root = messages.get(message.channelId(), message.threadId()).filter(r -> r.replyCount() > 0);
                if (root.isPresent()) {
                    writes.add(messages.unreplying(root.get(), message, otherLiveReplies(root.get(), message)));
                    changes.add(PendingEvent.ofMessage(EventType.THREAD_UPDATED, callerId, root.get()));
                }
            } else {
                writes.addAll(unreadCountersOf(message));
            }
            int inFirst = Math.min(writes.size(), Dynamo.TRANSACTION_LIMIT - ChannelEventLog.itemCount(changes));
            OptionalInt failed = events.transact(writes.subList(0, inFirst), changes);
            if (failed.isEmpty()) {
                // Channels larger than one transaction: the rest one by one (the condition skips who changed).
                writes.subList(inFirst, writes.size()).forEach(memberships::count);
                messages.forgetReactions(message);
                channels.membershipsChanged(message.channelId());
                return reload(message);
            }
            if (failed.getAsInt() == 0) {
                return reload(message); // deleted concurrently
            }
            // A read marker moved, a member left, or the thread changed while we prepared: prepare again.
            if (attempt > 2) {
                Dynamo.backOff(attempt - 2, true);
            }
        }
        throw ParleyException.conflict("The channel changed meanwhile; delete again");
    }

    private List<Message> otherLiveReplies(Message root, Message reply) {
        return messages.liveReplies(root).stream().filter(other -> !other.id().equals(reply.id())).toList();
    }

    /**
     * Exactly the members the message counted for: in the channel when it was sent, not the author,
     * not read past it. The writes' conditions check the same.
     */
    private List<TransactWriteItem> unreadCountersOf(Message message) {
        return memberships.allMemberships(message.channelId()).stream()
                .filter(m -> !m.userId().equals(message.authorId()))
                .filter(m -> !m.joinedAt().isAfter(message.createdAt()))
                .filter(m -> m.lastReadMessageId() == null || m.lastReadMessageId().compareTo(message.id()) < 0)
                .map(m -> memberships.uncounting(message.channelId(), m.userId(), message.id(), message.createdAt(),
                        message.mentions(m.userId())))
                .toList();
    }

    private Message reload(Message message) {
        return messages.get(message.channelId(), message.id()).orElseThrow(() -> ParleyException.notFound("Message"));
    }
}
