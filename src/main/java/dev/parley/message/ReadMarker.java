package dev.parley.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.concurrent.Futures;
import dev.parley.channel.AccessFacts;
import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelDirectory;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelService;
import dev.parley.channel.UnreadCounts;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.ParallelReads;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.LiveBus;

/**
 * {@code markChannelRead}: it writes the reader's membership only (never the channel's head, so
 * readers do not slow down senders), and signals the reader's other devices on the reader's own
 * topic ({@code read:<channelId>:<messageId>}).
 */
@ApplicationScoped
class ReadMarker {

    private static final int ATTEMPTS = 4;

    private final Dynamo dynamo;
    private final MessageStore messages;
    private final MessageOrdinals ordinals;
    private final UnreadCounts counts;
    private final ChannelAccess access;
    private final ChannelDirectory directory;
    private final ChannelService channels;
    private final ParallelReads parallel;
    private final LiveBus bus;

    ReadMarker(Dynamo dynamo, MessageStore messages, MessageOrdinals ordinals, UnreadCounts counts, ChannelAccess access,
            ChannelDirectory directory, ChannelService channels, ParallelReads parallel, LiveBus bus) {
        this.dynamo = dynamo;
        this.messages = messages;
        this.ordinals = ordinals;
        this.counts = counts;
        this.access = access;
        this.directory = directory;
        this.channels = channels;
        this.parallel = parallel;
        this.bus = bus;
    }

    /**
     * Moves the reader's marker forward to {@code messageId}: in the common case one conditional
     * write of their membership ({@link UnreadCounts#markingRead}), whose condition is that they are
     * in the channel, so before it only the channel and their workspace membership are read, side by
     * side, and the message's ordinal comes without a read when this pod sent or read the message
     * lately ({@link MessageOrdinals}). When that write does not apply, the access policy decides as on
     * every path (NOT_FOUND, FORBIDDEN); if they posted or were mentioned by name after the message,
     * what is left after it is counted and written instead, again while their membership changes
     * meanwhile.
     */
    Channel mark(String readerId, String channelId, String messageId) {
        Inputs.id("channelId", channelId);
        Inputs.id("messageId", messageId);
        ChannelDirectory.Identity identity = directory.identity(channelId).orElseThrow(() -> ParleyException.notFound("Channel"));
        var channelNow = parallel.start(() -> directory.channel(channelId));
        var ordinalNow = parallel.start(() -> ordinal(channelId, messageId));
        boolean inWorkspace = access.inWorkspace(readerId, identity.workspaceId());
        Optional<Channel> found = Futures.join(channelNow);
        OptionalLong ordinal = Futures.join(ordinalNow);
        if (inWorkspace && found.isPresent() && ordinal.isPresent()
                && dynamo.tryUpdate(counts.markingRead(channelId, readerId, messageId, ordinal.getAsLong()))) {
            moved(channelId, readerId, messageId);
            return found.get();
        }
        AccessFacts facts = access.readable(readerId, "channelId", channelId);
        long read = ordinal.orElseThrow(() -> ParleyException.badInput("messageId", "messageId is not a message of this channel"));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ChannelMembership membership = access.currentMembership(facts);
            if (!UnreadCounts.movesForward(membership, messageId, read)) {
                return facts.channel();
            }
            if (recount(membership, messageId, read)) {
                moved(channelId, readerId, messageId);
                return facts.channel();
            }
        }
        throw ParleyException.conflict("New messages keep arriving; mark read again");
    }

    /** The message's top-level ordinal, remembered or read; empty when it is no message of the channel. */
    private OptionalLong ordinal(String channelId, String messageId) {
        OptionalLong known = ordinals.ordinal(channelId, messageId);
        if (known.isPresent()) {
            return known;
        }
        Optional<Message> read = messages.get(channelId, messageId);
        read.ifPresent(ordinals::remember);
        return read.map(m -> OptionalLong.of(m.ordinal())).orElse(OptionalLong.empty());
    }

    /**
     * The marker moves to {@code messageId} with what is left after it counted from the messages there:
     * the reader's own and those mentioning them by name (a mention of everyone is counted from the
     * channel). False when the membership changed since it was read.
     */
    private boolean recount(ChannelMembership member, String messageId, long ordinal) {
        List<Message> after = messages.topLevelAfter(member.channelId(), messageId);
        int own = (int) after.stream().filter(m -> m.authorId().equals(member.userId())).count();
        int mentions = (int) after.stream()
                .filter(m -> !m.authorId().equals(member.userId()) && !m.mentionsChannel() && m.mentionIds().contains(member.userId()))
                .count();
        return dynamo.tryUpdate(counts.recountedRead(member, messageId, ordinal, own, mentions));
    }

    private void moved(String channelId, String readerId, String messageId) {
        channels.membershipsChanged(channelId);
        bus.publish(LiveBus.userTopic(readerId), "read:" + channelId + ":" + messageId);
    }
}
