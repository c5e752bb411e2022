package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelService;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Ids;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Sending, reading, editing and deleting messages. Who may read a message is who may read its
 * channel; a message of a channel the caller cannot see is NOT_FOUND.
 */
@ApplicationScoped
public class MessageService {

    static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final MessageStore messages;
    private final ChannelService channels;
    private final Dynamo dynamo;
    private final ParleyConfig config;

    public MessageService(MessageStore messages, ChannelService channels, Dynamo dynamo, ParleyConfig config) {
        this.messages = messages;
        this.channels = channels;
        this.dynamo = dynamo;
        this.config = config;
    }

    /**
     * Stores a message once per (sender, clientMessageId): a retry, also one racing the first
     * request, gets the first message back and nothing is stored twice.
     */
    public Message send(String callerId, SendMessageInput input) {
        String text = text(input.text());
        String clientMessageId = input.clientMessageId() == null ? "" : input.clientMessageId();
        if (!CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw ParleyException.badInput("clientMessageId", "clientMessageId must be 1 to 128 of A-Z a-z 0-9 _ . : -");
        }
        Channel channel = channels.postable(callerId, "channelId", input.channelId());
        var alreadySent = messages.findSent(callerId, clientMessageId);
        if (alreadySent.isPresent()) {
            return alreadySent.get();
        }
        Instant now = Instant.now();
        Message message = new Message(Ids.newId(now), channel.id(), callerId, text, now, null, false, null, clientMessageId);
        List<TransactWriteItem> writes = new ArrayList<>(messages.sending(message));
        writes.add(channels.posting(channel, now));
        try {
            dynamo.transact(writes, failedItem -> failedItem == 0 ? new SentConcurrently()
                    : ParleyException.badInput("channelId", "The channel is archived").with("subCode", "CHANNEL_ARCHIVED"));
        } catch (SentConcurrently retry) {
            return messages.findSent(callerId, clientMessageId).orElseThrow(ParleyException::internal);
        }
        return message;
    }

    /** Top-level messages, newest first; {@code after} continues into older ones. */
    public Page<Message> history(String callerId, String channelId, Integer first, String after) {
        Channel channel = channels.readable(callerId, "channelId", channelId);
        String before = Cursors.decode(after);
        if (before != null) {
            Inputs.id("after", before);
        }
        return messages.history(channel.id(), before, Cursors.pageSize(first));
    }

    public Message get(String callerId, String messageId) {
        Inputs.id("id", messageId);
        Message message = messages.find(messageId).orElseThrow(MessageService::notFound);
        requireReadable(callerId, message);
        return message;
    }

    /** The author may edit within the edit window; a deleted message cannot be edited. */
    public Message edit(String callerId, String messageId, String newText) {
        Message message = get(callerId, messageId);
        if (!message.authorId().equals(callerId)) {
            throw ParleyException.forbidden("Only the author can edit a message");
        }
        if (message.deleted()) {
            throw notFound();
        }
        String text = text(newText);
        Instant now = Instant.now();
        if (now.isAfter(message.createdAt().plus(config.messages().editWindow()))) {
            throw new ParleyException(ErrorCode.EDIT_WINDOW_CLOSED, "Messages can be edited for "
                    + config.messages().editWindow().toMinutes() + " minutes after sending");
        }
        return messages.edit(message, text, now).orElseThrow(MessageService::notFound);
    }

    /** The author, the channel's creator or a workspace admin may delete; the message stays as a tombstone. */
    public Message delete(String callerId, String messageId) {
        Message message = get(callerId, messageId);
        Channel channel = channels.readable(callerId, "id", message.channelId());
        if (!message.authorId().equals(callerId) && !channels.canModerate(channel, callerId)) {
            throw ParleyException.forbidden("Only the author, the channel's creator or an admin can delete a message");
        }
        return message.deleted() ? message : messages.tombstone(message);
    }

    private void requireReadable(String callerId, Message message) {
        try {
            channels.readable(callerId, "id", message.channelId());
        } catch (ParleyException hidden) {
            throw notFound();
        }
    }

    private String text(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ParleyException.badInput("text", "A message needs some text");
        }
        int length = raw.codePointCount(0, raw.length());
        if (length > config.messages().maxLength()) {
            throw ParleyException.badInput("text", "A message has at most " + config.messages().maxLength() + " characters");
        }
        return raw;
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("Message");
    }

    /** The clientMessageId claim failed: the same send is being (or was) stored by another request. */
    private static final class SentConcurrently extends RuntimeException {
        SentConcurrently() {
            super(null, null, false, false);
        }
    }
}
