package dev.parley.channel;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.UniqueKeys;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Channels (keyed by workspace, found by id through ChannelIdIndex) and their memberships. */
@ApplicationScoped
public class ChannelStore {

    private final Dynamo dynamo;
    private final UniqueKeys uniqueKeys;

    public ChannelStore(Dynamo dynamo, UniqueKeys uniqueKeys) {
        this.dynamo = dynamo;
        this.uniqueKeys = uniqueKeys;
    }

    /**
     * The writes that create a channel with its first members: the name claim first (its failed
     * condition means the name is taken in the workspace), the channel, one membership per member.
     */
    public List<TransactWriteItem> creation(Channel channel, List<String> memberIds) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(uniqueKeys.claim(nameKey(channel.workspaceId(), channel.name()), channel.id()));
        writes.add(dynamo.putNew(Table.CHANNELS, Dynamo.item(
                "workspaceId", s(channel.workspaceId()),
                "channelId", s(channel.id()),
                "name", s(channel.name()),
                "kind", s(channel.kind().name()),
                "topic", channel.topic() == null ? null : s(channel.topic()),
                "purpose", channel.purpose() == null ? null : s(channel.purpose()),
                "archived", Items.bool(channel.archived()),
                "createdBy", s(channel.createdBy()),
                "createdAt", time(channel.createdAt()),
                "memberCount", n(memberIds.size()))));
        for (String memberId : memberIds) {
            writes.add(membership(channel, memberId, channel.createdAt()));
        }
        return writes;
    }

    private TransactWriteItem membership(Channel channel, String userId, Instant joinedAt) {
        return dynamo.put(Table.CHANNEL_MEMBERSHIPS, Dynamo.item(
                "channelId", s(channel.id()),
                "userId", s(userId),
                "workspaceId", s(channel.workspaceId()),
                "joinedAt", time(joinedAt),
                "unreadCount", n(0),
                "mentionCount", n(0)));
    }

    private static String nameKey(String workspaceId, String name) {
        return "channel-name#" + workspaceId + "#" + name;
    }
}
