package dev.parley.channel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import dev.parley.platform.security.CurrentCaller;

/**
 * The caller's memberships of the channels one request touches, loaded in one batch and then
 * shared by every field that needs them ({@code isMember}, {@code unreadCount}, …), so a page of
 * channels costs one read of memberships, not one per channel and field.
 */
@RequestScoped
public class CallerMemberships {

    private final ChannelStore channels;
    private final CurrentCaller caller;
    private final Map<String, Optional<ChannelMembership>> known = new HashMap<>();

    public CallerMemberships(ChannelStore channels, CurrentCaller caller) {
        this.channels = channels;
        this.caller = caller;
    }

    public Map<String, Optional<ChannelMembership>> of(List<String> channelIds) {
        return of(caller.userId(), channelIds);
    }

    /** {@code userId}'s memberships: remembered for the caller; anyone else's are read as asked. */
    public Map<String, Optional<ChannelMembership>> of(String userId, List<String> channelIds) {
        if (!userId.equals(caller.userId())) {
            Map<String, Optional<ChannelMembership>> theirs = new HashMap<>();
            channelIds.forEach(id -> theirs.put(id, Optional.empty()));
            channels.memberships(userId, channelIds.stream().distinct().toList()).forEach(m -> theirs.put(m.channelId(), Optional.of(m)));
            return theirs;
        }
        List<String> missing = channelIds.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            missing.forEach(id -> known.put(id, Optional.empty()));
            channels.memberships(caller.userId(), missing).forEach(m -> known.put(m.channelId(), Optional.of(m)));
        }
        return known;
    }

    /** Memberships a listing already read come for free. */
    void remember(ChannelMembership membership) {
        known.put(membership.channelId(), Optional.of(membership));
    }

    void forget(String channelId) {
        known.remove(channelId);
    }
}
