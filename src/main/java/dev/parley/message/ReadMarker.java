package dev.parley.message;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelMembership;
import dev.parley.channel.UnreadCounts;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.dynamodb.Dynamo;

/**
 * The writes of {@code markChannelRead}: the reader's membership only (never the channel's head,
 * so readers do not slow down senders), and the signal to the reader's other devices, on the
 * reader's own topic ({@code read:<channelId>:<messageId>}).
 */
@ApplicationScoped
class ReadMarker {

    private final Dynamo dynamo;
    private final MessageStore messages;
    private final UnreadCounts counts;
    private final LiveBus bus;

    ReadMarker(Dynamo dynamo, MessageStore messages, UnreadCounts counts, LiveBus bus) {
        this.dynamo = dynamo;
        this.messages = messages;
        this.counts = counts;
        this.bus = bus;
    }

    /** The common case in one conditional write: false when it does not apply (see {@link UnreadCounts#markingRead}). */
    boolean tryMark(String channelId, String readerId, Message read) {
        return dynamo.tryUpdate(counts.markingRead(channelId, readerId, read.id(), read.ordinal()));
    }

    /**
     * The marker moves to {@code read} with what is left after it counted from the messages there:
     * the reader's own and those mentioning them by name (a mention of everyone is counted from the
     * channel). False when the membership changed since it was read.
     */
    boolean recount(ChannelMembership member, Message read) {
        List<Message> after = messages.topLevelAfter(member.channelId(), read.id());
        int own = (int) after.stream().filter(m -> m.authorId().equals(member.userId())).count();
        int mentions = (int) after.stream()
                .filter(m -> !m.authorId().equals(member.userId()) && !m.mentionsChannel() && m.mentionIds().contains(member.userId()))
                .count();
        return dynamo.tryUpdate(counts.recountedRead(member, read.id(), read.ordinal(), own, mentions));
    }

    void announce(String channelId, String readerId, String messageId) {
        bus.publish(LiveBus.userTopic(readerId), "read:" + channelId + ":" + messageId);
    }
}
