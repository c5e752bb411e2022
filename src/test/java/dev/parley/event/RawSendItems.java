package dev.parley.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.channel.UnreadCounts;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.security.Ids;
import dev.parley.workspace.WorkspaceStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Benchmarks: the items a top-level send with no mentions writes, built by Parley's own builders
 * (the clientMessageId claim, the message, the workspace membership check, the author's membership,
 * the channel head and the MESSAGE_CREATED event), for one author in one channel (or a group commit's
 * sends by several), with the head kept here, so that a raw TransactWriteItems of them is the send's
 * transaction without anything around it.
 * Not thread-safe: one writer per channel, each transaction committed before the next is built.
 */
public final class RawSendItems {

    private final Dynamo dynamo;
    private final MessageStore messages;
    private final WorkspaceStore workspaces;
    private final UnreadCounts counts;
    private final Duration retention;
    private final String channelId;
    private final String workspaceId;
    private final String authorId;
    private final HeadTurns turns;
    private ChannelHead head;

    public RawSendItems(Dynamo dynamo, MessageStore messages, WorkspaceStore workspaces, UnreadCounts counts, ChannelEventLog log,
            Duration retention, String workspaceId, String channelId, String authorId) {
        this.dynamo = dynamo;
        this.messages = messages;
        this.workspaces = workspaces;
        this.counts = counts;
        this.retention = retention;
        this.workspaceId = workspaceId;
        this.channelId = channelId;
        this.authorId = authorId;
        this.turns = new HeadTurns(dynamo, Clock.systemUTC());
        this.head = log.channelHeads(List.of(channelId)).get(channelId);
    }

    /** The next send's items; the head moves on as if they were committed. */
    public List<TransactWriteItem> next(String text) {
        return group(List.of(authorId), text);
    }

    /**
     * One group commit's items: a send by each of {@code authorIds} (distinct members of the channel),
     * in that order, under one head write; the head moves on as if they were committed.
     */
    public List<TransactWriteItem> group(List<String> authorIds, String text) {
        Instant now = Instant.now();
        List<TransactWriteItem> items = new ArrayList<>();
        List<PendingEvent> events = new ArrayList<>();
        String lastId = head.lastMessageId();
        long ordinal = head.ordinal();
        Message message = null;
        for (String author : authorIds) {
            String id = Ids.newId(now);
            if (lastId != null && id.compareTo(lastId) <= 0) {
                id = Ids.newId(Ids.timeOf(lastId).plusMillis(1));
            }
            ordinal++;
            message = new Message(id, channelId, author, text, Ids.timeOf(id), null, false, null, 0, null, List.of(), List.of(),
                    false, Map.of(), UUID.randomUUID().toString(), List.of(), ordinal);
            items.addAll(messages.sending(message));
            items.add(workspaces.memberCheck(workspaceId, author));
            items.add(counts.posting(channelId, author, ordinal));
            events.add(PendingEvent.ofMessage(EventType.MESSAGE_CREATED, author, message));
            lastId = id;
        }
        HeadWrites headWrites = new HeadWrites(dynamo, turns, channelId, head, events,
                HeadChange.posted(ordinal, lastId, message.createdAt()), now, retention);
        items.addAll(headWrites.items());
        head = headWrites.after();
        return items;
    }
}
