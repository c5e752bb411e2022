package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.channel.ChannelStore;
import dev.parley.channel.UnreadCounts;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.PendingEvent;
import dev.parley.file.FileAttachments;
import dev.parley.platform.dynamodb.Backoff;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Turning a message into a tombstone, with what it counted for taken back in the same transaction:
 * for a top-level message, its ordinal joins the channel's deleted ones (so it stops counting as
 * unread for everyone, see {@link UnreadCounts}) and its author's and named people's counters take
 * it back where they had not read it; for a thread
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
    private final UnreadCounts counts;

    MessageDeletion(MessageStore messages, ChannelStore memberships, ChannelService channels, ChannelEventLog events,
            FileAttachments attachments, UnreadCounts counts) {
        this.counts = counts;
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
                writes.add(counts.deleting(message.channelId(), message.ordinal()));
                writes.addAll(takenBack(message));
            }
            OptionalInt failed = events.transact(writes, changes);
            if (failed.isEmpty()) {
                messages.forgetReactions(message);
                channels.membershipsChanged(message.channelId());
                return reload(message);
            }
            if (failed.getAsInt() == 0) {
                return reload(message); // deleted concurrently
            }
            // A read marker moved, a member left, or the thread changed while we prepared: prepare again.
            if (attempt > 2) {
                Backoff.before(attempt - 2, true);
            }
        }
        throw ParleyException.conflict("The channel changed meanwhile; delete again");
    }

    private List<Message> otherLiveReplies(Message root, Message reply) {
        return messages.liveReplies(root).stream().filter(other -> !other.id().equals(reply.id())).toList();
    }

    /**
     * What the message counted for on memberships that had not read it: as its author's own message,
     * and as a mention by name of the people it names (a mention of everyone is counted per channel,
     * and the deletion's ordinal takes it back there). The writes' conditions check the memberships
     * are still as read.
     */
    private List<TransactWriteItem> takenBack(Message message) {
        List<String> people = new ArrayList<>(List.of(message.authorId()));
        if (!message.mentionsChannel()) {
            people.addAll(message.mentionIds());
        }
        return memberships.membershipsAmong(message.channelId(), people).stream()
                .filter(m -> UnreadCounts.counted(m, message.ordinal()))
                .map(m -> counts.uncounting(m, message.ordinal(), m.userId().equals(message.authorId()),
                        !m.userId().equals(message.authorId()) && !message.mentionsChannel() && message.mentionIds().contains(m.userId())))
                .toList();
    }

    private Message reload(Message message) {
        return messages.get(message.channelId(), message.id()).orElseThrow(() -> ParleyException.notFound("Message"));
    }
}
