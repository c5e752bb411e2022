package dev.parley.channel;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.UniqueKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Channels (keyed by workspace, found by id through ChannelIdIndex, public ones listed through the
 * sparse PublicChannelsIndex) and their memberships (ChannelMemberships, per person through
 * UserChannelsIndex). {@code memberCount} on the channel changes in the same transaction as the
 * memberships, so it never drifts.
 */
@ApplicationScoped
public class ChannelStore {

    private static final String WORKSPACE = "workspaceId";
    private static final String ID = "channelId";
    private static final String USER = "userId";
    private static final String LEFT_WORKSPACE = "leftWorkspace";
    /** Sorts after every id character: the upper bound of one workspace's range in UserChannelsIndex. */
    private static final String RANGE_END = "~";
    /** The membership exists and is not set aside: its person is in the channel. */
    static final String ACTIVE_MEMBER = "attribute_exists(userId) AND attribute_not_exists(" + LEFT_WORKSPACE + ")";

    private final Dynamo dynamo;
    private final UniqueKeys uniqueKeys;

    public ChannelStore(Dynamo dynamo, UniqueKeys uniqueKeys) {
        this.dynamo = dynamo;
        this.uniqueKeys = uniqueKeys;
    }

    /**
     * The writes that create a channel with its first members: for named channels the name claim
     * comes first (its failed condition means the name is taken), then the channel, then one
     * membership per member.
     */
    public List<TransactWriteItem> creation(Channel channel, List<String> memberIds) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (!channel.isDirect()) {
            writes.add(uniqueKeys.claim(nameKey(channel.workspaceId(), channel.name()), channel.id()));
        }
        writes.add(uniqueKeys.claim(idKey(channel.id()), channel.workspaceId()));
        Map<String, AttributeValue> item = toItem(channel);
        item.put("memberCount", n(memberIds.size()));
        writes.add(dynamo.putNew(Table.CHANNELS, item));
        for (String memberId : memberIds) {
            writes.add(membershipCreation(channel, memberId, channel.createdAt(), 0));
        }
        return writes;
    }

    /**
     * A channel from its id alone: its id's claim names its workspace, and then a consistent read of
     * the channel itself (base-table keys both, so a channel just created is found at once). Channels
     * created before ids were claimed are found through ChannelIdIndex.
     */
    public Optional<Channel> find(String channelId) {
        Optional<String> workspaceId = uniqueKeys.ownerOf(idKey(channelId));
        if (workspaceId.isPresent()) {
            return get(workspaceId.get(), channelId);
        }
        return dynamo.query(dynamo.queryOn(Table.CHANNELS, "ChannelIdIndex")
                .keyConditionExpression("channelId = :c")
                .expressionAttributeValues(Map.of(":c", s(channelId))).build(), 1)
                .items().stream().findFirst().map(ChannelStore::fromItem);
    }

    /** The channel by its key, read consistently. */
    public Optional<Channel> get(String workspaceId, String channelId) {
        return dynamo.get(Table.CHANNELS, Items.key(WORKSPACE, workspaceId, ID, channelId)).map(ChannelStore::fromItem);
    }

    /** Channels by (workspace, id) in one batch read; the result follows the order of {@code ids}. */
    public List<Channel> findAll(String workspaceId, List<String> ids) {
        Map<String, Channel> byId = new HashMap<>();
        dynamo.getAll(Table.CHANNELS, ids.stream().map(id -> Items.key(WORKSPACE, workspaceId, ID, id)).toList())
                .forEach(item -> byId.put(str(item, ID), fromItem(item)));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Public channels of a workspace after the given id, oldest first. */
    public Page<Channel> publicChannels(String workspaceId, String afterChannelId, int limit, boolean includeArchived) {
        var query = dynamo.partitionAfter(Table.CHANNELS, "PublicChannelsIndex", workspaceId, afterChannelId);
        return dynamo.query(query.build(), limit, item -> includeArchived || !Items.bool(item, "archived"))
                .map(ChannelStore::fromItem);
    }

    /** A person's memberships in one workspace after the given channel id, oldest channel first. */
    public Page<ChannelMembership> membershipsIn(String userId, String workspaceId, String afterChannelId, int limit) {
        String from = workspaceId + "#" + (afterChannelId == null ? "" : afterChannelId + "!");
        return dynamo.query(dynamo.queryOn(Table.CHANNEL_MEMBERSHIPS, "UserChannelsIndex")
                .keyConditionExpression("userId = :u AND workspaceChannel BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":u", s(userId), ":from", s(from), ":to", s(workspaceId + "#" + RANGE_END)))
                .build(), limit).map(ChannelStore::membershipFrom);
    }

    /** All of a person's memberships in one workspace, oldest channel first (read page by page). */
    public List<ChannelMembership> allMembershipsIn(String userId, String workspaceId) {
        List<ChannelMembership> all = new ArrayList<>();
        Page<ChannelMembership> page;
        String after = null;
        do {
            page = membershipsIn(userId, workspaceId, after, 200);
            all.addAll(page.items());
            after = page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).channelId();
        } while (page.hasMore());
        return all;
    }

    /** Every channel and DM a person is in, across their workspaces. */
    public List<String> channelIdsOf(String userId) {
        return dynamo.queryAll(dynamo.queryOn(Table.CHANNEL_MEMBERSHIPS, "UserChannelsIndex")
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", s(userId)))
                .projectionExpression(ID).build()).stream().map(item -> str(item, ID)).toList();
    }

    public Optional<ChannelMembership> membership(String channelId, String userId) {
        return dynamo.get(Table.CHANNEL_MEMBERSHIPS, Items.key(ID, channelId, USER, userId)).map(ChannelStore::membershipFrom);
    }

    /** One person's memberships among the given channels, in one batch read. */
    public List<ChannelMembership> memberships(String userId, List<String> channelIds) {
        return dynamo.getAll(Table.CHANNEL_MEMBERSHIPS, channelIds.stream().map(id -> Items.key(ID, id, USER, userId)).toList())
                .stream().map(ChannelStore::membershipFrom).toList();
    }

    /** Which of the given people are members of the channel, in one batch read. */
    public List<String> membersAmong(String channelId, List<String> userIds) {
        return dynamo.getAll(Table.CHANNEL_MEMBERSHIPS, userIds.stream().map(id -> Items.key(ID, channelId, USER, id)).toList())
                .stream().map(item -> str(item, USER)).toList();
    }

    /** The memberships of those of the given people who are in the channel, in one batch read. */
    public List<ChannelMembership> membershipsAmong(String channelId, java.util.Collection<String> userIds) {
        return dynamo.getAll(Table.CHANNEL_MEMBERSHIPS, userIds.stream().distinct().map(id -> Items.key(ID, channelId, USER, id)).toList())
                .stream().map(ChannelStore::membershipFrom).toList();
    }

    /** A page of a channel's member ids, ordered by user id. */
    public Page<String> members(String channelId, String afterUserId, int limit) {
        var query = dynamo.partitionAfter(Table.CHANNEL_MEMBERSHIPS, null, channelId, afterUserId);
        return dynamo.query(query.build(), limit).map(item -> str(item, USER));
    }

    /**
     * Joining: a new membership and one more member, only while the channel is not archived. The
     * newcomers have read nothing after {@code ordinal}, the channel's top-level message ordinal now.
     */
    public List<TransactWriteItem> joining(Channel channel, List<String> userIds, Instant now, long ordinal) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(dynamo.update(Table.CHANNELS, channelKey(channel), "ADD memberCount :n", Map.of(),
                Map.of(":n", n(userIds.size()), ":no", Items.bool(false)), "archived = :no"));
        userIds.forEach(userId -> writes.add(membershipCreation(channel, userId, now, ordinal)));
        return writes;
    }

    /** Leaving: the membership goes (it must exist) and the count drops with it. */
    public List<TransactWriteItem> leaving(Channel channel, String userId) {
        return List.of(
                dynamo.delete(Table.CHANNEL_MEMBERSHIPS, Items.key(ID, channel.id(), USER, userId), "attribute_exists(userId)",
                        Map.of(), Map.of()),
                dynamo.update(Table.CHANNELS, channelKey(channel), "ADD memberCount :minus", Map.of(),
                        Map.of(":minus", n(-1)), "attribute_exists(channelId)"));
    }

    /**
     * A direct message's person left its workspace: their membership stays (history and counts are
     * whole if they come back) but is set aside; fails if it is gone or set aside already.
     */
    public TransactWriteItem settingAside(String channelId, String userId) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, Items.key(ID, channelId, USER, userId), "SET #left = :yes",
                Map.of("#left", LEFT_WORKSPACE), Map.of(":yes", Items.bool(true)),
                "attribute_exists(userId) AND attribute_not_exists(#left)");
    }

    /** They came back to the workspace: the membership set aside counts again; fails unless it was set aside. */
    public TransactWriteItem takingBack(String channelId, String userId) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, Items.key(ID, channelId, USER, userId), "REMOVE #left",
                Map.of("#left", LEFT_WORKSPACE), Map.of(), "attribute_exists(#left)");
    }

    /**
     * Changes name, topic and purpose in one update of the channel item (a transaction may touch an
     * item once); a new name also claims it and releases the old one. Null topic or purpose removes it.
     */
    public List<TransactWriteItem> updating(Channel channel, String newName, String topic, String purpose) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        if (!newName.equals(channel.name())) {
            writes.add(uniqueKeys.claim(nameKey(channel.workspaceId(), newName), channel.id()));
            writes.add(uniqueKeys.release(nameKey(channel.workspaceId(), channel.name()), channel.id()));
            set.add("#n = :n");
            names.put("#n", "name");
            values.put(":n", s(newName));
        }
        setOrRemove("topic", topic, set, remove, values);
        setOrRemove("purpose", purpose, set, remove, values);
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        writes.add(dynamo.update(Table.CHANNELS, channelKey(channel), expression.strip(), names, values, "attribute_exists(channelId)"));
        return writes;
    }

    private static void setOrRemove(String attribute, String value, List<String> set, List<String> remove,
            Map<String, AttributeValue> values) {
        if (value == null) {
            remove.add(attribute);
        } else {
            set.add(attribute + " = :" + attribute);
            values.put(":" + attribute, s(value));
        }
    }

    /** Archives or unarchives; fails unless the channel is still in the other state (so only one of two racing requests changes it). */
    public TransactWriteItem archiving(Channel channel, boolean archived) {
        return dynamo.update(Table.CHANNELS, channelKey(channel), "SET archived = :a", Map.of(),
                Map.of(":a", Items.bool(archived), ":was", Items.bool(!archived)), "attribute_exists(channelId) AND archived = :was");
    }

    /** Sets a member's notification level (null: back to their default) and mute for this channel. */
    public void setNotificationPreference(String channelId, String userId, String level, boolean muted) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":muted", Items.bool(muted)));
        String expression = "SET muted = :muted";
        if (level == null) {
            expression += " REMOVE notifyLevel";
        } else {
            expression += ", notifyLevel = :level";
            values.put(":level", s(level));
        }
        String update = expression;
        dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.CHANNEL_MEMBERSHIPS)).key(Items.key(ID, channelId, USER, userId))
                .updateExpression(update).conditionExpression("attribute_exists(userId)").expressionAttributeValues(values));
    }

    /** Everyone in a channel with their read markers (a bounded set: one partition). */
    public List<ChannelMembership> allMemberships(String channelId) {
        return dynamo.queryAll(dynamo.partitionAfter(Table.CHANNEL_MEMBERSHIPS, null, channelId, null).build()).stream()
                .map(ChannelStore::membershipFrom).toList();
    }

    static Map<String, AttributeValue> channelKey(Channel channel) {
        return Items.key(WORKSPACE, channel.workspaceId(), ID, channel.id());
    }

    private TransactWriteItem membershipCreation(Channel channel, String userId, Instant joinedAt, long readOrdinal) {
        return dynamo.putNew(Table.CHANNEL_MEMBERSHIPS, Dynamo.item(
                ID, s(channel.id()),
                USER, s(userId),
                WORKSPACE, s(channel.workspaceId()),
                "workspaceChannel", s(channel.workspaceId() + "#" + channel.id()),
                "kind", s(channel.kind().name()),
                "joinedAt", time(joinedAt),
                UnreadCounts.READ_ORDINAL, n(readOrdinal)));
    }

    private static String idKey(String channelId) {
        return "channel-id#" + channelId;
    }

    private static String nameKey(String workspaceId, String name) {
        return "channel-name#" + workspaceId + "#" + name;
    }

    /** A channel as the Channels table stores it (also the form of channel snapshots in the event log). */
    public static Map<String, AttributeValue> toItem(Channel channel) {
        return Dynamo.item(
                WORKSPACE, s(channel.workspaceId()),
                ID, s(channel.id()),
                "name", s(channel.name()),
                "kind", s(channel.kind().name()),
                "topic", channel.topic() == null ? null : s(channel.topic()),
                "purpose", channel.purpose() == null ? null : s(channel.purpose()),
                "archived", Items.bool(channel.archived()),
                "createdBy", s(channel.createdBy()),
                "createdAt", time(channel.createdAt()),
                "memberCount", n(channel.memberCount()),
                "lastMessageAt", channel.lastMessageAt() == null ? null : time(channel.lastMessageAt()),
                // PublicChannelsIndex is sparse: only public channels carry its key.
                "publicWorkspaceId", channel.kind() == ChannelKind.PUBLIC ? s(channel.workspaceId()) : null);
    }

    public static Channel fromItem(Map<String, AttributeValue> item) {
        return new Channel(str(item, ID), str(item, WORKSPACE), str(item, "name"), ChannelKind.valueOf(str(item, "kind")),
                str(item, "topic"), str(item, "purpose"), Items.bool(item, "archived"), str(item, "createdBy"),
                time(item, "createdAt"), (int) Items.num(item, "memberCount"), time(item, "lastMessageAt"));
    }

    static ChannelMembership membershipFrom(Map<String, AttributeValue> item) {
        return new ChannelMembership(str(item, ID), str(item, USER), str(item, WORKSPACE),
                ChannelKind.valueOf(str(item, "kind")), time(item, "joinedAt"), str(item, "lastReadMessageId"),
                UnreadCounts.readingOf(item), Items.num(item, UnreadCounts.VERSION),
                str(item, "notifyLevel"), Items.bool(item, "muted"), Items.bool(item, LEFT_WORKSPACE));
    }
}
