package dev.parley.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.EventType;
import dev.parley.event.PendingEvent;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What leaving a workspace and coming back do to a person's channels, each change recorded by the
 * event that live streams act on. Leaving: the public and private channels are left (membership
 * gone); each direct message's membership is set aside (kept, so its history and counts are whole
 * if they come back); every one of them gets a MEMBER_LEFT of the person, which ends their live
 * streams of it and tells the others. Coming back takes the direct messages back, each with a
 * MEMBER_JOINED, which their {@code events} stream follows again.
 */
@ApplicationScoped
public class ChannelDepartures {

    /** Channels per transaction: up to two items each, plus the channel's log head and its event. */
    private static final int CHUNK = Dynamo.TRANSACTION_LIMIT / 4;

    private final ChannelStore channels;
    private final ChannelEventLog events;
    private final LiveBus bus;

    public ChannelDepartures(ChannelStore channels, ChannelEventLog events, LiveBus bus) {
        this.channels = channels;
        this.events = events;
        this.bus = bus;
    }

    /**
     * Leaves every channel of the workspace and sets its direct messages aside, in chunks; what is
     * done already is skipped, so an interrupted leave can simply be repeated.
     */
    public void leaveAll(String userId, String workspaceId) {
        List<ChannelMembership> current = channels.allMembershipsIn(userId, workspaceId).stream()
                .filter(ChannelMembership::active).toList();
        List<String> named = current.stream().filter(m -> !m.kind().isDirect()).map(ChannelMembership::channelId).toList();
        Map<String, Channel> byId = channels.findAll(workspaceId, named).stream()
                .collect(Collectors.toMap(Channel::id, Function.identity()));
        inChunks(current, EventType.MEMBER_LEFT, m -> m.kind().isDirect() ? List.of(channels.settingAside(m.channelId(), userId))
                : channels.leaving(byId.get(m.channelId()), userId))
                .ifPresent(failed -> {
                    throw ParleyException.conflict("Your channels changed meanwhile; try again");
                });
    }

    /**
     * The person is out of the workspace now (its membership is gone): their one-channel streams of
     * its public channels end too (those they were in ended at their MEMBER_LEFT already).
     */
    public void announceLeft(String userId, String workspaceId) {
        bus.publish(LiveBus.userTopic(userId), "left-workspace:" + workspaceId);
    }

    /** Back in the workspace: its direct messages set aside are theirs again. Repeating it is harmless. */
    public void takeBackDirectMessages(String userId, String workspaceId) {
        List<ChannelMembership> setAside = channels.allMembershipsIn(userId, workspaceId).stream()
                .filter(m -> !m.active()).toList();
        // A failed condition: a concurrent acceptance took them back already.
        inChunks(setAside, EventType.MEMBER_JOINED, m -> List.of(channels.takingBack(m.channelId(), userId)));
    }

    /** One group of writes per membership, each with its event of the person; empty when every chunk committed. */
    private OptionalInt inChunks(List<ChannelMembership> memberships, EventType type,
            Function<ChannelMembership, List<TransactWriteItem>> writesOf) {
        for (int from = 0; from < memberships.size(); from += CHUNK) {
            List<TransactWriteItem> writes = new ArrayList<>();
            List<PendingEvent> recorded = new ArrayList<>();
            for (ChannelMembership m : memberships.subList(from, Math.min(memberships.size(), from + CHUNK))) {
                writes.addAll(writesOf.apply(m));
                recorded.add(PendingEvent.ofMember(type, m.channelId(), m.userId(), m.userId()));
            }
            OptionalInt failed = events.transact(writes, recorded);
            if (failed.isPresent()) {
                return failed;
            }
        }
        return OptionalInt.empty();
    }
}
