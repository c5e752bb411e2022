package dev.parley.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelStore;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.workspace.WorkspaceStore;
import io.quarkus.scheduler.Scheduled;

/**
 * A person's notifications and notification preferences. Who is notified of a message is decided
 * from the committed log ({@link NotificationConsumer}, {@link MessageNotifications}).
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    /** The sweep looks this many days back for expired notifications. */
    private static final int SWEEP_DAYS = 7;

    private final NotificationStore notifications;
    private final PreferenceStore preferences;
    private final ChannelStore channelStore;
    private final ChannelAccess access;
    private final WorkspaceStore workspaces;

    public NotificationService(NotificationStore notifications, PreferenceStore preferences, ChannelStore channelStore,
            ChannelAccess access, WorkspaceStore workspaces) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.channelStore = channelStore;
        this.access = access;
        this.workspaces = workspaces;
    }

    public Optional<Notification> find(String callerId, String notificationId) {
        return notifications.get(callerId, notificationId);
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
