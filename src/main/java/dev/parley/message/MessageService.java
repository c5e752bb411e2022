package dev.parley.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.AccessFacts;
import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelDirectory;
import dev.parley.channel.ChannelService;
import dev.parley.channel.UnreadCounts;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.PendingEvent;
import dev.parley.file.FileAttachments;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Emoji;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.WriteLimits;
import dev.parley.platform.redis.WriteLimits.Write;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Sending, reading, editing and deleting messages, threads, reactions and read markers. Who may read
 * a message is who may read its channel ({@link ChannelAccess}); a message of a channel the caller
 * cannot see is NOT_FOUND. The author deletes their message, and so may the channel's moderators
 * (direct messages have none).
 *
 * <p>A send is one transaction ({@link MessageSending}). Unread and mention counts come from
 * positions ({@link UnreadCounts}): exact, a person's own messages never count for them, thread
 * replies do not count in the channel. Notifications come from the committed log, after the
 * request (see dev.parley.notification.NotificationConsumer).
 */
@ApplicationScoped
public class MessageService {

    static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final int ATTEMPTS = 4;

    private final MessageStore messages;
    private final ChannelService channels;
    private final ChannelAccess access;
    private final ChannelDirectory directory;
    private final MessageSending sending;
    private final ReadMarker marker;
    private final ChannelEventLog events;
    private final MessageDeletion deletion;
    private final FileAttachments attachments;
    private final ParleyConfig config;
    private final WriteLimits limits;

    public MessageService(MessageStore messages, ChannelService channels, ChannelAccess access, ChannelDirectory directory,
            MessageSending sending, ReadMarker marker, ChannelEventLog events, MessageDeletion deletion, FileAttachments attachments,
            ParleyConfig config, WriteLimits limits) {
        this.messages = messages;
        this.channels = channels;
        this.access = access;
        this.directory = directory;
        this.sending = sending;
        this.marker = marker;
        this.events = events;
        this.deletion = deletion;
        this.attachments = attachments;
        this.config = config;
        this.limits = limits;
    }

    /**
     * Stores a message once per (sender, clientMessageId): a retry, also one racing the first
     * request, gets the first message back and nothing is stored twice. A retry counts against the
     * sender's rate limit like any send (only DynamoDB knows it is one); once limited, retrying after
     * retryAfterSeconds with the same clientMessageId still gets the first message.
     */
    public Message send(String callerId, SendMessageInput input) {
        limits.count(Write.SEND_MESSAGE, callerId);
        List<String> fileIds = attachments.validIds(input.fileIds());
        String text = fileIds.isEmpty() ? text(input.text()) : textBesideFiles(input.text());
        if (Mentions.mentionsEveryone(text)) {
            limits.count(Write.MENTION_EVERYONE, callerId);
        }
        String clientMessageId = input.clientMessageId() == null ? "" : input.clientMessageId();
        if (!CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw ParleyException.badInput("clientMessageId", "clientMessageId must be 1 to 128 of A-Z a-z 0-9 _ . : -");
        }
        ChannelDirectory.Identity channel = directory.identity(Inputs.id("channelId", input.channelId()))
                .orElseThrow(() -> ParleyException.notFound("Channel"));
        Message root = input.threadId() == null ? null : threadRoot(channel.channelId(), input.threadId());
        return sending.send(new MessageSending.Draft(callerId, channel, root, text, clientMessageId, fileIds));
    }

    /** A thread's replies, oldest first. */
    public Page<Message> thread(String callerId, String messageId, Integer first, String after) {
        Message message = get(callerId, messageId);
        String rootId = message.isReply() ? message.threadId() : message.id();
        return messages.replies(rootId, MessageHistory.cursor(after), Cursors.pageSize(first));
    }

    public Message get(String callerId, String messageId) {
        return readable(callerId, messageId).message();
    }

    /** A message with what the policy knows of the caller and its channel. */
    private record Readable(Message message, AccessFacts access) {
    }

    /** The message if the caller may read its channel, else NOT_FOUND (for the message, as if it did not exist). */
    private Readable readable(String callerId, String messageId) {
        Inputs.id("id", messageId);
        Message message = messages.find(messageId).orElseThrow(MessageService::notFound);
        try {
            return new Readable(message, access.readable(callerId, "id", message.channelId()));
        } catch (ParleyException hidden) {
            throw notFound();
        }
    }

    /** The author may edit within the edit window; a deleted message cannot be edited. */
    public Message edit(String callerId, String messageId, String newText) {
        Message message = current(callerId, messageId);
        if (!message.authorId().equals(callerId)) {
            throw ParleyException.forbidden("Only the author can edit a message");
        }
        if (message.deleted()) {
            throw notFound();
        }
        String text = text(newText);
        Instant now = Instant.now();
        Duration window = config.messages().editWindow();
        if (now.isAfter(message.createdAt().plus(window))) {
            throw new ParleyException(ErrorCode.EDIT_WINDOW_CLOSED, "Messages can be edited for " + window.toMinutes() + " minutes after sending");
        }
        if (text.equals(message.text())) {
            return message;
        }
        // Mentions are taken when a message is sent (they were counted and notified then); an edit
        // changes the text only, as in Slack, so counts never drift through edits.
        Message edited = message.withText(text, now);
        events.transact(List.of(messages.editing(message, text, now)),
                List.of(PendingEvent.ofCommitted(EventType.MESSAGE_EDITED, callerId, edited)), failedItem -> notFound());
        return edited;
    }

    /**
     * The author may delete, and so may whoever moderates the channel (its creator or a workspace
     * admin; nobody in a direct message). The message stays as a tombstone; what it counted for is
     * taken back in the same transaction (see MessageDeletion).
     */
    public Message delete(String callerId, String messageId) {
        Readable found = readable(callerId, messageId);
        found.access().requireMayDelete(found.message().authorId());
        Message message = found.message();
        if (message.deleted()) {
            return message;
        }
        return deletion.delete(callerId, message);
    }

    /** Idempotent: reacting again changes nothing. A new emoji beyond the per-message cap is BAD_USER_INPUT. */
    public Message addReaction(String callerId, String messageId, String emoji) {
        limits.count(Write.ADD_REACTION, callerId);
        return react(callerId, messageId, emoji, true);
    }

    /** Idempotent: removing a reaction that is not there changes nothing. */
    public Message removeReaction(String callerId, String messageId, String emoji) {
        return react(callerId, messageId, emoji, false);
    }

    /** Writes conditioned on the message as read; when it changed meanwhile, it is read again and the rules apply afresh. */
    private Message react(String callerId, String messageId, String emoji, boolean add) {
        Message message = reactable(callerId, messageId);
        String valid = Emoji.validate("emoji", emoji);
        int maxKinds = config.messages().maxDistinctReactions();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (message.reactionUsers().getOrDefault(valid, List.of()).contains(callerId) == add) {
                return message;
            }
            if (add && !message.reactionUsers().containsKey(valid) && message.reactionUsers().size() >= maxKinds) {
                throw ParleyException.badInput("emoji", "A message can carry " + maxKinds + " different reactions; add one of those it has");
            }
            List<TransactWriteItem> writes = add ? messages.reacting(message, valid, callerId, Instant.now(), maxKinds)
                    : messages.unreacting(message, valid, callerId);
            PendingEvent event = PendingEvent.ofReaction(add ? EventType.REACTION_ADDED : EventType.REACTION_REMOVED, callerId,
                    message, valid);
            OptionalInt failed = events.transact(writes, List.of(event));
            if (failed.isEmpty() || failed.getAsInt() == 0) {
                return reload(message); // written, or the caller's reaction was already so (another device)
            }
            message = reload(message);
            if (message.deleted()) {
                throw notFound();
            }
        }
        throw ParleyException.conflict("The message's reactions keep changing; try again");
    }

    /** Moves the caller's read marker forward to {@code messageId} (see {@link ReadMarker#mark}). */
    public Channel markRead(String callerId, String channelId, String messageId) {
        return marker.mark(callerId, channelId, messageId);
    }

    /** A message the caller may react to: not deleted, in a channel they are in. */
    private Message reactable(String callerId, String messageId) {
        Readable found = readable(callerId, messageId);
        Message message = found.message();
        if (message.deleted()) {
            throw notFound();
        }
        found.access().requireMember();
        return message;
    }

    private Message threadRoot(String channelId, String threadId) {
        Inputs.id("threadId", threadId);
        Message target = messages.get(channelId, threadId).orElseThrow(MessageService::notInThisChannel);
        // Replying to a reply attaches to the root: threads are one level deep.
        return target.isReply() ? messages.get(channelId, target.threadId()).orElseThrow(MessageService::notInThisChannel) : target;
    }

    /** A message the caller may read, as stored right now (found by base-table keys), which a change builds on. */
    private Message current(String callerId, String messageId) {
        return readable(callerId, messageId).message();
    }

    private Message reload(Message message) {
        return messages.get(message.channelId(), message.id()).orElseThrow(MessageService::notFound);
    }

    /** Text beside attached files may be empty. */
    private String textBesideFiles(String raw) {
        return raw == null || Inputs.isBlank(raw) ? "" : text(raw);
    }

    private String text(String raw) {
        if (raw == null || Inputs.isBlank(raw)) {
            throw ParleyException.badInput("text", "A message needs some text");
        }
        if (raw.codePointCount(0, raw.length()) > config.messages().maxLength()) {
            throw ParleyException.badInput("text", "A message has at most " + config.messages().maxLength() + " characters");
        }
        return raw;
    }

    private static ParleyException notInThisChannel() {
        return ParleyException.badInput("threadId", "threadId is not a message of this channel");
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("Message");
    }
}
