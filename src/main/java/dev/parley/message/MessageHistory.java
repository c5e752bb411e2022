package dev.parley.message;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.concurrent.Futures;
import dev.parley.channel.ChannelAccess;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.ParallelReads;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;

/**
 * A channel's history, a page at a time: the page is read while the access policy decides whether the
 * caller may read the channel (the two are independent, and the decision needs no read of the channel
 * itself, see {@link ChannelAccess#requireReadable}), and shown only if they may. A stranger hears
 * NOT_FOUND before anything about a malformed cursor, as if the channel did not exist.
 */
@ApplicationScoped
public class MessageHistory {

    private final MessageStore messages;
    private final ChannelAccess access;
    private final ParallelReads parallel;

    public MessageHistory(MessageStore messages, ChannelAccess access, ParallelReads parallel) {
        this.messages = messages;
        this.access = access;
        this.parallel = parallel;
    }

    /** Top-level messages, newest first; {@code after} continues into older ones. */
    public Page<Message> page(String callerId, String channelId, Integer first, String after) {
        Inputs.id("channelId", channelId);
        String before;
        int size;
        try {
            before = cursor(after);
            size = Cursors.pageSize(first);
        } catch (RuntimeException badInput) {
            access.requireReadable(callerId, "channelId", channelId);
            throw badInput;
        }
        var page = parallel.start(() -> messages.history(channelId, before, size));
        access.requireReadable(callerId, "channelId", channelId);
        return Futures.join(page);
    }

    /** The message id an {@code after} cursor stands for (null: from the start). */
    static String cursor(String after) {
        String key = Cursors.decode(after);
        return key == null ? null : Inputs.id("after", key);
    }
}
