package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import dev.parley.notification.NotificationService;
import dev.parley.platform.dynamodb.Guarded;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Ids;
import dev.parley.workspace.WorkspaceStore;

/**
 * Storing a new message: one transaction, with no read before it on the common path (a top-level
 * message that mentions nobody by name, in a channel this pod knows). What the send needs to be
 * allowed are conditions inside it: the sender's channel membership (which also counts the message
 * as their own, see {@link UnreadCounts}), their workspace membership, the channel open (on its log
 * head, which the send writes anyway). Only when a condition failed do reads tell apart what it
 * means (NOT_FOUND, FORBIDDEN, archived), through {@link ChannelAccess}, as every path decides.
 * Each message keeps its own clientMessageId claim: a retry, even one racing the first, gets the
 * first message back.
 */
@ApplicationScoped
class MessageSending {

    /** What a failed condition of a send means. */
    private enum Failure { ALREADY_SENT, NOT_POSTABLE, ROOT_GONE, FILES, MENTIONED_LEFT }

    private static final int ATTEMPTS = 4;

    private final MessageStore messages;
    private final ChannelEventLog log;
    private final ChannelAccess access;
    private final ChannelStore memberships;
    private final ChannelService channels;
    private final UnreadCounts counts;
    private final WorkspaceStore workspaces;
    private final FileAttachments attachments;
    private final NotificationService notifications;

    MessageSending(MessageStore messages, ChannelEventLog log, ChannelAccess access, ChannelStore memberships, ChannelService channels,
            UnreadCounts counts, WorkspaceStore workspaces, FileAttachments attachments, NotificationService notifications) {
        this.messages = messages;
        this.log = log;
        this.access = access;
        this.memberships = memberships;
        this.channels = channels;
        this.counts = counts;
        this.workspaces = workspaces;
        this.attachments = attachments;
        this.notifications = notifications;
    }

    /** A message to store, as the sender asked: validated, not stored yet. */
    record Draft(String authorId, ChannelDirectory.Identity channel, Message root, String text, String clientMessageId,
            List<String> fileIds) {
    }

    Message send(Draft draft) {
        Mentions mentions = Mentions.in(draft.text());
        Set<String> named = namedMembers(draft, mentions);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Set<String> mentioned = named;
            Message[] built = new Message[1];
            Optional<Object> failed = log.append(draft.channel().channelId(), head -> {
                built[0] = message(draft, head, mentioned, mentions.everyone());
                return commit(draft, built[0], head);
            });
            if (failed.isEmpty()) {
                channels.membershipsChanged(draft.channel().channelId());
                notifications.notifyAbout(built[0], draft.root(), mentions.hereOnly());
                return built[0];
            }
            Object meaning = failed.get();
            if (meaning == ChannelEventLog.CLOSED) {
                throw AccessFacts.archived("channelId");
            }
            switch ((Failure) meaning) {
                case ALREADY_SENT:
                    return messages.findSent(draft.authorId(), draft.clientMessageId()).orElseThrow(ParleyException::internal);
                case NOT_POSTABLE:
                    // NOT_FOUND, FORBIDDEN or archived, as the policy says; if it allows the send now, it changed meanwhile: again.
                    access.postable(draft.authorId(), "channelId", draft.channel().channelId());
                    break;
                case ROOT_GONE:
                    throw ParleyException.notFound("Message");
                case FILES:
                    throw FileAttachments.notAttachable();
                case MENTIONED_LEFT:
                    named = namedMembers(draft, mentions);
                    break;
            }
        }
        throw ParleyException.conflict("The channel changed meanwhile; send again");
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

    private Commit commit(Draft draft, Message message, ChannelHead head) {
        String channelId = message.channelId();
        List<Guarded> writes = new ArrayList<>();
        List<PendingEvent> events = new ArrayList<>(List.of(PendingEvent.ofMessage(EventType.MESSAGE_CREATED, message.authorId(), message)));
        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> stored = messages.sending(message);
        writes.add(Guarded.of(stored.get(0), Failure.ALREADY_SENT));
        writes.add(Guarded.plain(stored.get(1)));
        writes.add(Guarded.of(workspaces.memberCheck(draft.channel().workspaceId(), message.authorId()), Failure.NOT_POSTABLE));
        if (draft.root() == null) {
            writes.add(Guarded.of(counts.posting(channelId, message.authorId(), message.ordinal()), Failure.NOT_POSTABLE));
            if (message.mentionsChannel()) {
                writes.add(Guarded.plain(counts.mentioningEveryone(channelId, message.ordinal(), message.authorId())));
            } else {
                message.mentionIds().stream().filter(id -> !id.equals(message.authorId()))
                        .forEach(id -> writes.add(Guarded.of(counts.mentioning(channelId, id, message.ordinal()), Failure.MENTIONED_LEFT)));
            }
        } else {
            writes.add(Guarded.of(counts.replying(channelId, message.authorId()), Failure.NOT_POSTABLE));
            writes.add(Guarded.of(messages.replying(draft.root(), message.authorId(), message.createdAt()), Failure.ROOT_GONE));
            events.add(PendingEvent.ofMessage(EventType.THREAD_UPDATED, message.authorId(), draft.root()));
        }
        attachments.attaching(message.authorId(), channelId, message.id(), message.fileIds())
                .forEach(item -> writes.add(Guarded.of(item, Failure.FILES)));
        return new Commit(writes, events, HeadChange.posted(message.ordinal(), message.id(), message.createdAt()));
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
