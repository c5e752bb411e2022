package dev.parley.platform.dynamodb;

import java.util.List;
import java.util.Optional;

/**
 * Every DynamoDB table of Parley, with its keys and indexes: the one place that defines them.
 * The seed's eleven tables come first; the ones after them were added by a capability that needed
 * one. The README's "Storage and access patterns" lists what each key and index serves. Key
 * attributes are strings, except a sort key declared with {@link #numericSortKey} (a number, so it
 * orders numerically).
 */
public enum Table {

    USERS("Users", key("userId"), index("EmailIndex", "email")),
    WORKSPACES("Workspaces", key("workspaceId"), index("OwnerIndex", "ownerId", "createdAt")),
    /** PublicChannelsIndex is sparse: {@code publicWorkspaceId} is set only on public channels. */
    CHANNELS("Channels", key("workspaceId", "channelId"), index("ChannelIdIndex", "channelId"),
            index("PublicChannelsIndex", "publicWorkspaceId", "channelId")),
    /** UserChannelsIndex sorts by {@code workspaceChannel} = workspaceId#channelId: one person's channels per workspace. */
    CHANNEL_MEMBERSHIPS("ChannelMemberships", key("channelId", "userId"),
            index("UserChannelsIndex", "userId", "workspaceChannel")),
    /** MessageIdIndex finds a message from its id alone only for messages stored before their UniqueKeys {@code message#<id>} item (see MessageStore.find). */
    MESSAGES("Messages", key("channelId", "messageId"), true, null,
            index("UserMessagesIndex", "userId", "messageId"), index("ThreadIndex", "threadId", "messageId"),
            index("MessageIdIndex", "messageId")),
    /** The direct-message registry: conversationId is derived from the workspace and the set of people. */
    CONVERSATIONS("Conversations", key("conversationId"),
            index("WorkspaceConversationsIndex", "workspaceId", "createdAt")),
    CONVERSATION_PARTICIPANTS("ConversationParticipants", key("conversationId", "userId"),
            index("UserConversationsIndex", "userId", "conversationId")),
    /**
     * UnreadIndex is sparse: {@code unreadUserId} is set only while the notification is unread.
     * ExpiryIndex groups notifications by the day they expire, for the sweep (DynamoDB Local never
     * expires items by TTL, and real DynamoDB may lag).
     */
    NOTIFICATIONS("Notifications", key("userId", "notificationId"), false, "expiresAt",
            index("UnreadIndex", "unreadUserId", "notificationId"), index("ExpiryIndex", "expiryDay", "expiresAtIso")),
    /**
     * ChannelFilesIndex is sparse: {@code channelId} is set while a file is attached to a live message.
     * SweepIndex is sparse too: uploads not completed yet and files of deleted messages, by the day
     * they are due to be removed ({@code sweepDay}) and the moment ({@code sweepAt}).
     */
    FILES("Files", key("fileId"), index("UserFilesIndex", "uploaderId", "createdAt"),
            index("ChannelFilesIndex", "channelId", "fileId"), index("SweepIndex", "sweepDay", "sweepAt")),
    PRESENCE("Presence", key("userId"), false, "expiresAt", index("StatusIndex", "status", "lastActiveAt")),
    /** One item per (message, emoji, user): {@code reactionKey} = emoji#userId. */
    REACTIONS("Reactions", key("messageId", "reactionKey")),

    /** Who belongs to a workspace, and with which role. */
    WORKSPACE_MEMBERS("WorkspaceMembers", key("workspaceId", "userId"),
            index("UserWorkspacesIndex", "userId", "workspaceId")),
    /** Claims on unique values (an email, a channel name in a workspace), taken with conditional puts. */
    UNIQUE_KEYS("UniqueKeys", key("uniqueKey")),
    /** Refresh tokens (T#hash) and their families (F#id): rotation and re-use detection. */
    REFRESH_TOKENS("RefreshTokens", key("tokenId"), false, "expiresAt"),
    /** Workspace invite codes with expiry (TTL) and use counts. */
    INVITES("Invites", key("code"), false, "expiresAt"),
    /**
     * Each channel's event log: item {@code seq = 0} is the head ({@code lastSeq}, never expires),
     * items {@code seq >= 1} are the events, kept until {@code expiresAt}. {@code seq} is a number
     * so that the log reads in order with no padding convention. PartitionHeadsIndex is sparse (heads
     * only): the channels of one log partition by the time of their last event, for log consumers.
     */
    CHANNEL_EVENTS("ChannelEvents", numericSortKey("channelId", "seq"), false, "expiresAt",
            index("PartitionHeadsIndex", "logPartition", "lastAt")),
    /**
     * Log consumers' state, per consumer name: {@code C#channelId} checkpoints (the last sequence
     * handled), {@code L#partition} leases (owner, expiry, watermark), {@code P#podId} pods alive, and
     * {@code S} the consumer's first run.
     */
    LOG_CONSUMERS("LogConsumers", key("consumer", "itemKey"), false, "expiresAt");

    private final String baseName;
    private final Key key;
    private final boolean stream;
    private final String ttlAttribute;
    private final List<Index> indexes;

    Table(String baseName, Key key, Index... indexes) {
        this(baseName, key, false, null, indexes);
    }

    Table(String baseName, Key key, boolean stream, String ttlAttribute, Index... indexes) {
        this.baseName = baseName;
        this.key = key;
        this.stream = stream;
        this.ttlAttribute = ttlAttribute;
        this.indexes = List.of(indexes);
    }

    public String baseName() {
        return baseName;
    }

    public Key key() {
        return key;
    }

    public boolean stream() {
        return stream;
    }

    public Optional<String> ttlAttribute() {
        return Optional.ofNullable(ttlAttribute);
    }

    public List<Index> indexes() {
        return indexes;
    }

    /** The key of the table (index null) or of one of its indexes. */
    public Key keyOf(String index) {
        if (index == null) {
            return key;
        }
        return indexes.stream().filter(i -> i.name().equals(index)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(baseName + " has no index " + index)).key();
    }

    /** Partition key and optional sort key attribute names; the sort key may be a number. */
    public record Key(String partition, String sort, boolean numericSort) {
        public Optional<String> sortKey() {
            return Optional.ofNullable(sort);
        }
    }

    /** A global secondary index, projecting all attributes. */
    public record Index(String name, Key key) {
    }

    private static Key key(String partition) {
        return new Key(partition, null, false);
    }

    private static Key key(String partition, String sort) {
        return new Key(partition, sort, false);
    }

    private static Key numericSortKey(String partition, String sort) {
        return new Key(partition, sort, true);
    }

    private static Index index(String name, String partition) {
        return new Index(name, key(partition));
    }

    private static Index index(String name, String partition, String sort) {
        return new Index(name, key(partition, sort));
    }
}
