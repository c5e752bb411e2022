package dev.parley.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelDirectory;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelStore;
import dev.parley.message.Message;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.presence.PresenceService;
import dev.parley.workspace.WorkspaceStore;
import io.quarkus.scheduler.Scheduled;

/**
 * Who hears about a message: the other people of a direct message; people it mentions (by name;
 * everyone in the channel for {@code @channel}; for {@code @here} those whose presence is ONLINE
 * right now); the root's author and earlier repliers, for a thread reply. One notification per
 * message and person, of the strongest kind, only as their preferences allow (the channel's own,
 * else their default: muted or NONE hears nothing, MENTIONS skips thread replies), and only for
 * people who may read the channel ({@link ChannelAccess}): someone who left the workspace hears
 * nothing of its direct messages.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    /** The sweep looks this many days back for expired notifications. */
    private static final int SWEEP_DAYS = 7;

    private final NotificationStore notifications;
    private final PreferenceStore preferences;
    private final ChannelStore channelStore;
    private final ChannelDirectory directory;
    private final ChannelAccess access;
    private final PresenceService presence;
    private final WorkspaceStore workspaces;
    private final LiveBus bus;
    private final ParleyConfig config;

    public NotificationService(NotificationStore notifications, PreferenceStore preferences, ChannelStore channelStore,
            ChannelDirectory directory, ChannelAccess access, PresenceService presence, WorkspaceStore workspaces, LiveBus bus,
            ParleyConfig config) {
        this.directory = directory;
        this.bus = bus;
        this.notifications = notifications;
        this.preferences = preferences;
        this.channelStore = channelStore;
        this.access = access;
        this.presence = presence;
        this.workspaces = workspaces;
        this.config = config;
    }

    /**
     * Stores the notifications a new message causes. {@code root} is the thread root of a reply, else
     * null; {@code hereOnly}: the message mentions everyone as {@code @here} only (not {@code @channel}),
     * which reaches those ONLINE now. Reads only for messages someone may hear of (in a direct
     * message, with mentions, thread replies): the channel, then the memberships of those who may
     * hear (everyone's only for a direct message or a mention of everyone), their presence (for
     * {@code @here}, one batch), their default preferences, and whether they may read the channel.
     */
    public void notifyAbout(Message message, Message root, boolean hereOnly) {
        ChannelDirectory.Identity identity = directory.identity(message.channelId()).orElse(null);
        if (identity == null || !(identity.kind().isDirect() || message.mentionsChannel() || !message.mentionIds().isEmpty() || root != null)) {
            return;
        }
        Channel channel = directory.channel(message.channelId()).orElse(null);
        if (channel == null) {
            return;
        }
        List<ChannelMembership> members;
        if (channel.isDirect() || message.mentionsChannel()) {
            members = channelStore.allMemberships(channel.id());
        } else {
            Set<String> candidates = new LinkedHashSet<>(message.mentionIds());
            if (root != null) {
                candidates.add(root.authorId());
                candidates.addAll(root.replyUserIds());
            }
            members = channelStore.membershipsAmong(channel.id(), candidates);
        }
        notifyAbout(message, channel, root, members, hereOnly);
    }

    private void notifyAbout(Message message, Channel channel, Message root, List<ChannelMembership> members, boolean hereOnly) {
        List<ChannelMembership> others = members.stream().filter(m -> !m.userId().equals(message.authorId())).toList();
        Set<String> online = hereOnly && message.mentionsChannel()
                ? presence.onlineNow(others.stream().map(ChannelMembership::userId).filter(id -> !message.mentionIds().contains(id)).toList())
                : null;
        Map<ChannelMembership, NotificationKind> kinds = new LinkedHashMap<>();
        for (ChannelMembership member : others) {
            boolean everyone = online == null || online.contains(member.userId());
            NotificationKind kind = kindFor(message, channel, root, member.userId(), everyone);
            if (kind != null) {
                kinds.put(member, kind);
            }
        }
        Map<String, PreferenceStore.Preference> defaults = preferences.defaultsOf(kinds.keySet().stream()
                .filter(m -> m.notifyLevel() == null).map(ChannelMembership::userId).toList());
        kinds.entrySet().removeIf(entry -> !wants(entry.getKey(), defaults, entry.getValue()));
        Set<String> readers = kinds.isEmpty() ? Set.of() : access.readersAmong(channel, kinds.keySet());
        List<Notification> created = new ArrayList<>();
        kinds.forEach((member, kind) -> {
            if (readers.contains(member.userId())) {
                created.add(new Notification(message.id(), member.userId(), kind, message.id(), channel.id(), message.authorId(), false,
                        message.createdAt()));
            }
        });
        if (!created.isEmpty()) {
            notifications.storeAll(created, message.createdAt().plus(config.notifications().retention()));
            created.forEach(n -> bus.publish(LiveBus.userTopic(n.userId()), "notification:" + n.id()));
        }
    }

    public Optional<Notification> find(String callerId, String notificationId) {
        return notifications.get(callerId, notificationId);
    }

    /** {@code everyoneReachesThem}: a mention of everyone in the channel is one of them (false: @here while they are not ONLINE). */
    private static NotificationKind kindFor(Message message, Channel channel, Message root, String userId, boolean everyoneReachesThem) {
        if (channel.isDirect() && !message.isReply()) {
            return NotificationKind.DIRECT_MESSAGE;
        }
        if (message.mentionIds().contains(userId) || (message.mentionsChannel() && everyoneReachesThem)) {
            return NotificationKind.MENTION;
        }
        if (root != null && (root.authorId().equals(userId) || root.replyUserIds().contains(userId))) {
            return NotificationKind.THREAD_REPLY;
        }
        return null;
    }

    private static boolean wants(ChannelMembership member, Map<String, PreferenceStore.Preference> defaults, NotificationKind kind) {
        PreferenceStore.Preference preference = member.notifyLevel() != null
                ? new PreferenceStore.Preference(NotifyLevel.valueOf(member.notifyLevel()), member.muted())
                : defaults.getOrDefault(member.userId(), PreferenceStore.Preference.DEFAULT);
        if (member.muted() || preference.muted() || preference.level() == NotifyLevel.NONE) {
            return false;
        }
        return preference.level() == NotifyLevel.ALL || kind != NotificationKind.THREAD_REPLY;
    }

    public Page<Notification> list(String callerId, Integer first, String after, boolean unreadOnly) {
        String before = Cursors.decode(after);
        return notifications.page(callerId, before == null ? null : Inputs.id("after", before), Cursors.pageSize(first), unreadOnly);
    }

    public Notification markRead(String callerId, String notificationId) {
        Inputs.id("id", notificationId);
        return notifications.markRead(callerId, notificationId).orElseThrow(() -> ParleyException.notFound("Notification"));
    }

    public int markAllRead(String callerId) {
        return notifications.markAllRead(callerId);
    }

    public NotificationPreferences preferences(String callerId) {
        PreferenceStore.Preference own = preferences.defaultsOf(List.of(callerId)).getOrDefault(callerId, PreferenceStore.Preference.DEFAULT);
        List<NotificationPreferences.ChannelPreference> perChannel = new ArrayList<>();
        for (String workspaceId : workspaces.workspaceIdsOf(callerId)) {
            channelStore.allMembershipsIn(callerId, workspaceId).stream().filter(m -> m.active() && (m.notifyLevel() != null || m.muted()))
                    .forEach(m -> perChannel.add(new NotificationPreferences.ChannelPreference(m.channelId(),
                            m.notifyLevel() == null ? own.level() : NotifyLevel.valueOf(m.notifyLevel()), m.muted())));
        }
        return new NotificationPreferences(own.level(), own.muted(), perChannel);
    }

    public NotificationPreferences updatePreferences(String callerId, NotificationPreferencesInput input) {
        boolean muted = Boolean.TRUE.equals(input.muted());
        if (input.channelId() == null) {
            preferences.setDefault(callerId, new PreferenceStore.Preference(input.level(), muted));
        } else {
            Channel channel = access.member(callerId, "channelId", input.channelId()).channel();
            channelStore.setNotificationPreference(channel.id(), callerId, input.level().name(), muted);
        }
        return preferences(callerId);
    }

    /** Deletes expired notifications; real DynamoDB also expires them by TTL, DynamoDB Local never does. */
    @Scheduled(every = "${parley.notifications.sweep-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int deleted = sweepExpired(Instant.now());
        if (deleted > 0) {
            LOG.infof("Deleted %d expired notifications", deleted);
        }
    }

    public int sweepExpired(Instant now) {
        return notifications.deleteExpired(now, SWEEP_DAYS);
    }
}
