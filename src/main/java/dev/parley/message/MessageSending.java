package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.AccessFacts;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelDirectory;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelService;
import dev.parley.channel.ChannelStore;
import dev.parley.channel.UnreadCounts;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelHead;
import dev.parley.event.Commit;
import dev.parley.event.EventType;
import dev.parley.event.HeadChange;
import dev.parley.event.PendingEvent;
import dev.parley.file.FileAttachments;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Guarded;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Ids;
import dev.parley.workspace.WorkspaceStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Storing a new message: one transaction, with no read before it on the common path (a top-level
 * message that mentions nobody by name, in a channel this pod knows). What the send needs to be
 * allowed are conditions inside it: the sender's channel membership (which also counts the message
 * as their own, see {@link UnreadCounts}), their workspace membership, the channel open (on its log
 * head, which the send writes anyway). Only when a condition failed do reads tell apart what it
 * means (NOT_FOUND, FORBIDDEN, archived), through {@link ChannelAccess}, as every path decides.
 * Sends to one channel on this pod commit in groups ({@link GroupCommit}): one head write for the
 * group, each message with its own clientMessageId claim and outcome (a retry, even one racing the
 * first, gets the first message back).
 */
@ApplicationScoped
class MessageSending {

    /** What a failed condition of a send means. */
    private enum Failure { ALREADY_SENT, NOT_POSTABLE, ROOT_GONE, FILES, MENTIONED_LEFT }

    private static final int ATTEMPTS = 4;

    private final GroupCommit groups = new GroupCommit(Dynamo.TRANSACTION_LIMIT - 1);
    /** Tests: while set, commits wait for it, so that sends queue up behind one (see {@link #holdCommits}). */
    private volatile CountDownLatch hold;
    /** Tests: how many commits have stopped at the hold. */
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    private final MessageStore messages;
    private final ChannelEventLog log;
    private final ChannelAccess access;
    private final ChannelStore memberships;
    private final ChannelService channels;
    private final UnreadCounts counts;
    private final WorkspaceStore workspaces;
    private final FileAttachments attachments;
    private final MessageOrdinals ordinals;

    MessageSending(MessageStore messages, ChannelEventLog log, ChannelAccess access, ChannelStore memberships, ChannelService channels,
            UnreadCounts counts, WorkspaceStore workspaces, FileAttachments attachments, MessageOrdinals ordinals) {
        this.ordinals = ordinals;
        this.messages = messages;
        this.log = log;
        this.access = access;
        this.memberships = memberships;
        this.channels = channels;
        this.counts = counts;
        this.workspaces = workspaces;
        this.attachments = attachments;
    }

    /** A message to store, as the sender asked: validated, not stored yet. */
    record Draft(String authorId, ChannelDirectory.Identity channel, Message root, String text, String clientMessageId,
            List<String> fileIds) {
    }

    /** A draft on its way, with the channel members it names (read before it waits). */
    private record Pending(Draft draft, Set<String> named, boolean everyone) {
    }

    /** What a group commit tells a send: its message (a twin's is the one its first copy stored). */
    private record Stored(Message message) {
    }

    /** A send's item failed its condition, meaning {@code failure}. */
    private record Failed(GroupCommit.Waiting send, Failure failure) {
    }

    Message send(Draft draft) {
        Mentions mentions = Mentions.in(draft.text());
        String channelId = draft.channel().channelId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Pending pending = new Pending(draft, namedMembers(draft, mentions), mentions.everyone());
            GroupCommit.Waiting waiting = new GroupCommit.Waiting(pending, draft.authorId() + "#" + draft.clientMessageId(),
                    touched(pending), itemCount(pending));
            Object outcome = groups.submit(channelId, waiting, group -> commitGroup(channelId, group));
            if (outcome instanceof Stored stored) {
                channels.membershipsChanged(channelId);
                return stored.message();
            }
            if (outcome instanceof RuntimeException failure) {
                throw failure;
            }
            switch ((Failure) outcome) {
                case ALREADY_SENT:
                    return messages.findSent(draft.authorId(), draft.clientMessageId()).orElseThrow(ParleyException::internal);
                case NOT_POSTABLE:
                    // NOT_FOUND, FORBIDDEN or archived, as the policy says; if it allows the send now, it changed meanwhile: again.
                    access.postable(draft.authorId(), "channelId", channelId);
                    break;
                case ROOT_GONE:
                    throw ParleyException.notFound("Message");
                case FILES:
                    throw FileAttachments.notAttachable();
                case MENTIONED_LEFT:
                    break; // the named members are read again
            }
        }
        throw ParleyException.conflict("The channel changed meanwhile; send again");
    }

    /**
     * Commits a group of sends as one transaction, each message after the one before; a send whose
     * item failed gets what it means and the others are committed again without it.
     */
    private void commitGroup(String channelId, List<GroupCommit.Waiting> group) {
        List<GroupCommit.Waiting> left = new ArrayList<>(group);
        awaitHold();
        while (!left.isEmpty()) {
            Map<GroupCommit.Waiting, Message> built = new LinkedHashMap<>();
            Optional<Object> failed = log.append(channelId, head -> {
                built.clear();
                List<Guarded> writes = new ArrayList<>();
                List<PendingEvent> events = new ArrayList<>();
                ChannelHead after = head;
                for (GroupCommit.Waiting send : left) {
                    Pending pending = (Pending) send.request;
                    Message message = message(pending.draft(), after, pending.named(), pending.everyone());
                    built.put(send, message);
                    add(send, pending.draft(), message, writes, events);
                    after = new ChannelHead(after.position(), message.ordinal(), message.id(), message.createdAt(), false);
                }
                return new Commit(writes, events, HeadChange.posted(after.ordinal(), after.lastMessageId(), after.lastMessageAt()));
            });
            if (failed.isEmpty()) {
                built.values().forEach(ordinals::remember);
                built.forEach((send, message) -> send.complete(new Stored(message)));
                return;
            }
            if (failed.get() == ChannelEventLog.CLOSED) {
                left.forEach(send -> send.complete(AccessFacts.archived("channelId")));
                return;
            }
            Failed one = (Failed) failed.get();
            one.send().complete(one.failure());
            left.remove(one.send());
        }
    }

    /**
     * The new message, after the channel's newest: its id sorts after every message committed before
     * it (whatever the pods' clocks say), so history order is commit order; a top-level message is the
     * channel's next ordinal.
     */
    private static Message message(Draft draft, ChannelHead head, Set<String> named, boolean everyone) {
        String id = idAfter(head.lastMessageId(), Instant.now());
        long ordinal = draft.root() == null ? head.ordinal() + 1 : head.ordinal();
        return new Message(id, draft.channel().channelId(), draft.authorId(), draft.text(), Ids.timeOf(id), null, false,
                draft.root() == null ? null : draft.root().id(), 0, null, List.of(), List.copyOf(named), everyone, Map.of(),
                draft.clientMessageId(), draft.fileIds(), ordinal);
    }

    /** One message's items and events, each item carrying what its failure means for {@code send}. */
    private void add(GroupCommit.Waiting send, Draft draft, Message message, List<Guarded> writes, List<PendingEvent> events) {
        String channelId = message.channelId();
        events.add(PendingEvent.ofCommitted(EventType.MESSAGE_CREATED, message.authorId(), message));
        List<TransactWriteItem> stored = messages.sending(message);
        writes.add(Guarded.of(stored.get(0), new Failed(send, Failure.ALREADY_SENT)));
        stored.subList(1, stored.size()).forEach(item -> writes.add(Guarded.plain(item)));
        writes.add(Guarded.of(workspaces.memberCheck(draft.channel().workspaceId(), message.authorId()), new Failed(send, Failure.NOT_POSTABLE)));
        if (draft.root() == null) {
            writes.add(Guarded.of(counts.posting(channelId, message.authorId(), message.ordinal()), new Failed(send, Failure.NOT_POSTABLE)));
            if (message.mentionsChannel()) {
                writes.add(Guarded.plain(counts.mentioningEveryone(channelId, message.ordinal(), message.authorId())));
            } else {
                othersNamed(message).forEach(id -> writes.add(Guarded.of(counts.mentioning(channelId, id, message.ordinal()),
                        new Failed(send, Failure.MENTIONED_LEFT))));
            }
        } else {
            writes.add(Guarded.of(counts.replying(channelId, message.authorId()), new Failed(send, Failure.NOT_POSTABLE)));
            writes.add(Guarded.of(messages.replying(draft.root(), message.authorId(), message.createdAt()), new Failed(send, Failure.ROOT_GONE)));
            events.add(PendingEvent.ofMessage(EventType.THREAD_UPDATED, message.authorId(), draft.root()));
        }
        attachments.attaching(message.authorId(), channelId, message.id(), message.fileIds())
                .forEach(item -> writes.add(Guarded.of(item, new Failed(send, Failure.FILES))));
    }

    private static List<String> othersNamed(Message message) {
        return message.mentionIds().stream().filter(id -> !id.equals(message.authorId())).toList();
    }

    /** The DynamoDB items a send writes that another send might too: no two sends in a group may share one. */
    private static Set<String> touched(Pending pending) {
        Draft draft = pending.draft();
        Set<String> keys = new HashSet<>(List.of("member:" + draft.authorId()));
        if (draft.root() != null) {
            keys.add("root:" + draft.root().id());
        } else if (pending.everyone()) {
            keys.add("everyone");
        } else {
            pending.named().forEach(id -> keys.add("member:" + id));
        }
        draft.fileIds().forEach(id -> keys.add("file:" + id));
        return keys;
    }

    /** How many transaction items a send takes: claim, message, its id's channel, two conditions, its mentions, root, files, and one or two events. */
    private static int itemCount(Pending pending) {
        Draft draft = pending.draft();
        int items = 5 + draft.fileIds().size();
        if (draft.root() != null) {
            return items + 1 + 2;
        }
        return items + (pending.everyone() ? 1 : pending.named().size()) + 1;
    }

    /** Tests: commits wait until {@code latch} is released (null: they do not wait). */
    void holdCommits(CountDownLatch latch) {
        hold = latch;
    }

    /** Tests: how many sends to the channel wait for a commit on this pod. */
    int waiting(String channelId) {
        return groups.waiting(channelId);
    }

    /** Tests: how many commits have stopped at the hold so far. */
    int heldCommits() {
        return held.get();
    }

    private void awaitHold() {
        CountDownLatch latch = hold;
        if (latch != null) {
            held.incrementAndGet();
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Those the text mentions by name who are in the channel: read only when it names someone. */
    private Set<String> namedMembers(Draft draft, Mentions mentions) {
        if (mentions.userIds().isEmpty()) {
            return Set.of();
        }
        Set<String> members = memberships.membershipsAmong(draft.channel().channelId(), mentions.userIds()).stream()
                .filter(ChannelMembership::active).map(ChannelMembership::userId).collect(Collectors.toSet());
        return mentions.userIds().stream().filter(members::contains).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** A new id after {@code last} (null: none yet): made now, or a millisecond after {@code last} when that is not later. */
    static String idAfter(String last, Instant now) {
        String id = Ids.newId(now);
        return last == null || id.compareTo(last) > 0 ? id : Ids.newId(Ids.timeOf(last).plusMillis(1));
    }
}
