package dev.parley.notification;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelDirectory;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelStore;
import dev.parley.message.Mentions;
import dev.parley.message.Message;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.redis.LiveBus;
import dev.parley.presence.PresenceService;

/**
 * Who hears about a message: the other people of a direct message; people it mentions (by name;
 * everyone in the channel for {@code @channel}; for {@code @here} those whose presence is ONLINE
 * now); the root's author and repliers, for a thread reply. One notification per message and
 * person, of the strongest kind, only as their preferences allow (the channel's own, else their
 * default: muted or NONE hears nothing, MENTIONS skips thread replies), and only for people who may
 * read the channel ({@link ChannelAccess}): someone who left the workspace hears nothing of its
 * direct messages. Run by {@link NotificationConsumer} from the committed log, so it is decided when
 * the event is handled (a few milliseconds after the commit, later after a crash).
 */
@ApplicationScoped
class MessageNotifications {

    private final NotificationStore notifications;
    private final PreferenceStore preferences;
    private final ChannelStore channelStore;
    private final ChannelDirectory directory;
    private final ChannelAccess access;
    private final PresenceService presence;
    private final LiveBus bus;
    private final ParleyConfig config;

    MessageNotifications(NotificationStore notifications, PreferenceStore preferences, ChannelStore channelStore,
            ChannelDirectory directory, ChannelAccess access, PresenceService presence, LiveBus bus, ParleyConfig config) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.channelStore = channelStore;
        this.directory = directory;
        this.access = access;
        this.presence = presence;
        this.bus = bus;
        this.config = config;
    }

    /**
     * Stores the notifications a new message causes, those not stored already (so handling it again
     * changes nothing), and tells each person's stream of the new ones. {@code root}: the thread root
     * of a reply, else null. Reads only for messages someone may hear of (in a direct message, with
     * mentions, thread replies): the channel, the memberships of those who may hear (everyone's only
     * for a direct message or a mention of everyone), their presence (for {@code @here}, one batch),
     * the default preferences of those still to be notified, and whether they may read the channel.
     */
    void notifyAbout(Message message, Message root) {
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
        store(message, channel, root, members);
    }

    private void store(Message message, Channel channel, Message root, List<ChannelMembership> members) {
        List<ChannelMembership> others = members.stream().filter(m -> !m.userId().equals(message.authorId())).toList();
        Set<String> online = message.mentionsChannel() && Mentions.in(message.text()).hereOnly()
                ? presence.onlineNow(others.stream().map(ChannelMembership::userId).filter(id -> !message.mentionIds().contains(id)).toList())
                : null;
        Map<ChannelMembership, NotificationKind> kinds = new LinkedHashMap<>();
        for (ChannelMembership member : others) {
            boolean everyone = online == null || online.contains(member.userId());
            NotificationKind kind = kindFor(message, channel, root, member.userId(), everyone);
            if (kind != null && !member.muted()) {
                kinds.put(member, kind);
            }
        }
        Map<String, PreferenceStore.Preference> defaults = preferences.defaultsOf(kinds.keySet().stream()
                .filter(m -> m.notifyLevel() == null).map(ChannelMembership::userId).toList());
        kinds.entrySet().removeIf(entry -> !wants(entry.getKey(), defaults, entry.getValue()));
        Set<String> readers = kinds.isEmpty() ? Set.of() : access.readersAmong(channel, kinds.keySet());
        List<Notification> due = kinds.entrySet().stream().filter(entry -> readers.contains(entry.getKey().userId()))
                .map(entry -> new Notification(message.id(), entry.getKey().userId(), entry.getValue(), message.id(), channel.id(),
                        message.authorId(), false, message.createdAt()))
                .toList();
        if (!due.isEmpty()) {
            notifications.storeNew(due, message.createdAt().plus(config.notifications().retention()))
                    .forEach(n -> bus.publish(LiveBus.userTopic(n.userId()), "notification:" + n.id()));
        }
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
        if (preference.muted() || preference.level() == NotifyLevel.NONE) {
            return false;
        }
        return preference.level() == NotifyLevel.ALL || kind != NotificationKind.THREAD_REPLY;
    }
}
