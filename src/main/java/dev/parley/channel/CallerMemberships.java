package dev.parley.channel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelHead;
import dev.parley.platform.security.CurrentCaller;

/**
 * The caller's memberships of the channels one request touches, loaded in one batch and then
 * shared by every field that needs them ({@code isMember}, {@code unreadCount}, …), so a page of
 * channels costs one read of memberships, not one per channel and field; their counts (see
 * {@link UnreadCounts}) and the channels' heads likewise.
 */
@RequestScoped
public class CallerMemberships {

    private final ChannelStore channels;
    private final CurrentCaller caller;
    private final UnreadCounts unreadCounts;
    private final ChannelEventLog log;
    private final Map<String, Optional<ChannelMembership>> known = new HashMap<>();
    private final Map<String, UnreadCounts.Counts> counts = new HashMap<>();
    private final Map<String, ChannelHead> heads = new HashMap<>();

    public CallerMemberships(ChannelStore channels, CurrentCaller caller, UnreadCounts unreadCounts, ChannelEventLog log) {
        this.channels = channels;
        this.caller = caller;
        this.unreadCounts = unreadCounts;
        this.log = log;
    }

    /** The caller's counts in these channels (none where they are not an active member), computed once per request. */
    public Map<String, UnreadCounts.Counts> counts(List<String> channelIds) {
        Map<String, Optional<ChannelMembership>> memberships = of(channelIds);
        List<ChannelMembership> missing = channelIds.stream().distinct().filter(id -> !counts.containsKey(id))
                .map(memberships::get).flatMap(Optional::stream).filter(ChannelMembership::active).toList();
        counts.putAll(unreadCounts.countsOf(missing));
        Map<String, UnreadCounts.Counts> answer = new HashMap<>();
        channelIds.forEach(id -> answer.put(id, counts.getOrDefault(id, UnreadCounts.Counts.NONE)));
        return answer;
    }

    /** The heads of these channels (their last message's time), read once per request. */
    public Map<String, ChannelHead> heads(List<String> channelIds) {
        List<String> missing = channelIds.stream().distinct().filter(id -> !heads.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            heads.putAll(log.channelHeads(missing));
        }
        return heads;
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
        counts.remove(channelId);
        heads.remove(channelId);
    }
}
