package dev.parley.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.PendingEvent;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.WriteLimits;
import dev.parley.platform.security.Ids;
import dev.parley.user.User;
import dev.parley.user.UserService;
import dev.parley.workspace.WorkspaceService;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Direct messages: one conversation per set of people in a workspace (2 to 8), found if it exists and
 * created otherwise, in one transaction with its registration in Conversations so that people opening
 * it at the same moment meet in one channel. Starting a new one counts against the opener's limit.
 */
@ApplicationScoped
public class DirectMessages {

    static final int MAX_DIRECT_PARTICIPANTS = 8;

    private final ChannelStore channels;
    private final ConversationStore conversations;
    private final WorkspaceService workspaceService;
    private final UserService users;
    private final ChannelEventLog events;
    private final WriteLimits limits;

    public DirectMessages(ChannelStore channels, ConversationStore conversations, WorkspaceService workspaceService, UserService users,
            ChannelEventLog events, WriteLimits limits) {
        this.channels = channels;
        this.conversations = conversations;
        this.workspaceService = workspaceService;
        this.users = users;
        this.events = events;
        this.limits = limits;
    }

    /**
     * The direct message of the caller and {@code userIds} (2 to 8 people in all): found if it
     * exists, created otherwise. The Conversations registry makes concurrent openers meet.
     */
    public Channel openDirectMessage(String callerId, String workspaceId, List<String> userIds) {
        workspaceService.requireMember(callerId, "workspaceId", workspaceId);
        Set<String> people = new LinkedHashSet<>();
        people.add(callerId);
        (userIds == null ? List.<String>of() : userIds).forEach(id -> people.add(Inputs.id("userIds", id)));
        if (people.size() < 2 || people.size() > MAX_DIRECT_PARTICIPANTS) {
            throw ParleyException.badInput("userIds", "A direct message has 2 to " + MAX_DIRECT_PARTICIPANTS + " people");
        }
        List<String> participants = people.stream().sorted().toList();
        workspaceService.requireMembers(workspaceId, participants);
        String conversationId = ConversationStore.conversationId(workspaceId, participants);
        Optional<Channel> existing = existingConversation(workspaceId, conversationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        limits.count(WriteLimits.Write.OPEN_DIRECT_MESSAGE, callerId);
        Instant now = Instant.now();
        ChannelKind kind = participants.size() == 2 ? ChannelKind.DIRECT : ChannelKind.GROUP;
        Channel channel = new Channel(Ids.newId(now), workspaceId, directName(participants), kind, null, null, false, callerId,
                now, participants.size(), null);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(conversations.registration(conversationId, channel, now));
        writes.addAll(channels.creation(channel, participants));
        if (events.transact(writes, PendingEvent.joined(channel.id(), callerId, participants)).isPresent()) {
            // Opened by someone else at the same moment: theirs is the one.
            return existingConversation(workspaceId, conversationId).orElseThrow(ParleyException::internal);
        }
        return channel;
    }

    private Optional<Channel> existingConversation(String workspaceId, String conversationId) {
        return conversations.channelOf(conversationId)
                .flatMap(channelId -> channels.findAll(workspaceId, List.of(channelId)).stream().findFirst());
    }

    private String directName(List<String> participants) {
        return users.findAll(participants).stream().map(User::name).collect(Collectors.joining(", "));
    }
}
