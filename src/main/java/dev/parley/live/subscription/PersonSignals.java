package dev.parley.live.subscription;

import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import dev.parley.channel.ChannelAccess;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventType;
import dev.parley.live.subscription.LiveSubscription.Scope;

/**
 * What a person's own topic tells their open streams (joins, notifications, read markers, leaving a
 * workspace), and what a stream catches up on after Redis was away and such signals may be lost.
 * {@link LiveEvents} opens the streams; this keeps them current.
 */
final class PersonSignals {

    private static final Logger LOG = Logger.getLogger(PersonSignals.class);
    private static final String JOINED = "joined:", NOTIFICATION = "notification:", LEFT_WORKSPACE = "left-workspace:",
            READ = "read:";

    private final ChannelStore channelStore;
    private final ChannelAccess access;
    private final ChannelEventReads reads;

    PersonSignals(ChannelStore channelStore, ChannelAccess access, ChannelEventReads reads) {
        this.channelStore = channelStore;
        this.access = access;
        this.reads = reads;
    }

    /**
     * Signals on the person's own topic; arrives on Redis's thread, so nothing here blocks or reads.
     * A join is followed from its MEMBER_JOINED event: the stream then sees the channel's log from
     * there, through a later MEMBER_LEFT if the signal is late, so no read of the membership is needed.
     */
    void heard(LiveSubscription subscription, String signal) {
        boolean everyChannel = subscription.scope() == Scope.EVERY_CHANNEL;
        if (signal.startsWith(JOINED) && everyChannel) {
            String[] parts = signal.substring(JOINED.length()).split(":");
            subscription.joined(parts[0], Long.parseLong(parts[1]));
        } else if (signal.startsWith(NOTIFICATION) && everyChannel) {
            String notificationId = signal.substring(NOTIFICATION.length());
            subscription.deliverLive(cursor -> Event.notification(notificationId, cursor));
        } else if (signal.startsWith(READ)) {
            // The person's read marker moved (on another device): it is theirs alone, so it travels on their own topic.
            String[] parts = signal.substring(READ.length()).split(":");
            if (subscription.scope() != Scope.TYPING && subscription.follows(parts[0])) {
                ChannelEvent read = new ChannelEvent(parts[0], 0, EventType.CHANNEL_READ, Instant.now(), subscription.userId(),
                        subscription.userId(), null, null, null, parts[1]);
                subscription.deliverLive(cursor -> Event.of(read, cursor));
            }
        } else if (signal.startsWith(LEFT_WORKSPACE)) {
            subscription.leftWorkspace(signal.substring(LEFT_WORKSPACE.length()));
        }
    }

    /**
     * After Redis was away, signals may be lost: an {@code events} stream follows the channels joined
     * meanwhile (those the policy says the person is in now); a one-channel stream checks that the
     * person is still in the channel's workspace.
     */
    void catchUp(LiveSubscription subscription) {
        try {
            if (subscription.scope() != Scope.EVERY_CHANNEL) {
                String workspaceId = subscription.workspaceId();
                if (!access.inWorkspace(subscription.userId(), workspaceId)) {
                    subscription.leftWorkspace(workspaceId);
                }
                return;
            }
            Instant since = subscription.syncedAt();
            subscription.synced(Instant.now());
            List<String> unfollowed = channelStore.channelIdsOf(subscription.userId()).stream()
                    .filter(channelId -> !subscription.follows(channelId)).toList();
            for (String channelId : access.memberChannels(subscription.userId(), unfollowed)) {
                subscription.caughtUp(channelId, reads.positionAt(channelId, since));
            }
        } catch (RuntimeException failure) {
            LOG.warnf("Catching up after Redis was away failed: %s", failure.getMessage());
        }
    }
}
