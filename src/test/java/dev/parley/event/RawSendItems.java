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
 * the channel head and the MESSAGE_CREATED event), for one author in one channel, with the head kept
 * here, so that a raw TransactWriteItems of them is the send's transaction without anything around it.
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
        Instant now = Instant.now();
        String id = Ids.newId(now);
        if (head.lastMessageId() != null && id.compareTo(head.lastMessageId()) <= 0) {
            id = Ids.newId(Ids.timeOf(head.lastMessageId()).plusMillis(1));
        }
        Message message = new Message(id, channelId, authorId, text, Ids.timeOf(id), null, false, null, 0, null, List.of(), List.of(),
                false, Map.of(), UUID.randomUUID().toString(), List.of(), head.ordinal() + 1);
        List<TransactWriteItem> items = new ArrayList<>(messages.sending(message));
        items.add(workspaces.memberCheck(workspaceId, authorId));
        items.add(counts.posting(channelId, authorId, message.ordinal()));
        HeadWrites headWrites = new HeadWrites(dynamo, turns, channelId, head, List.of(PendingEvent.ofMessage(EventType.MESSAGE_CREATED, authorId,
                message)), HeadChange.posted(message.ordinal(), id, message.createdAt()), now, retention);
        items.addAll(headWrites.items());
        head = headWrites.after();
        return items;
    }
}
