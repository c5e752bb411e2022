package dev.parley.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.concurrent.Futures;
import dev.parley.channel.AccessFacts;
import dev.parley.channel.Channel;
import dev.parley.channel.ChannelKind;
import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelStore;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.ParallelReads;
import dev.parley.workspace.Role;

/**
 * Every channel of a workspace the caller may read, decided by the access policy's rule
 * ({@link AccessFacts}): the workspace's public channels (archived ones too) and the private channels
 * and direct messages they are in. What a search may look in; each hit is checked again, on base
 * tables, by {@link dev.parley.channel.ChannelAccess} before it is shown.
 */
@ApplicationScoped
public class ReadableChannels {

    private static final int PAGE = 200;

    private final ChannelStore channels;
    private final ParallelReads parallel;

    public ReadableChannels(ChannelStore channels, ParallelReads parallel) {
        this.channels = channels;
        this.parallel = parallel;
    }

    /**
     * The channels one caller may read in one workspace: their ids at once (from the public channels
     * and the caller's memberships, which carry each channel's kind), the private channels' records
     * only when something asks for their names ({@code in:#name}, channel results).
     */
    public static final class InWorkspace {

        private final Set<String> ids;
        private final Map<String, Channel> publicChannels;
        private final List<String> privateIds;
        private final ChannelStore store;
        private final String workspaceId;
        private List<Channel> all;

        private InWorkspace(Set<String> ids, Map<String, Channel> publicChannels, List<String> privateIds, ChannelStore store,
                String workspaceId) {
            this.ids = ids;
            this.publicChannels = publicChannels;
            this.privateIds = privateIds;
            this.store = store;
            this.workspaceId = workspaceId;
        }

        public Set<String> ids() {
            return ids;
        }

        /** Every readable channel's record (the private ones read in one batch, the first time). */
        public synchronized List<Channel> channels() {
            if (all == null) {
                List<Channel> found = new ArrayList<>(publicChannels.values());
                if (!privateIds.isEmpty()) {
                    found.addAll(store.findAll(workspaceId, privateIds));
                }
                all = found;
            }
            return all;
        }
    }

    /**
     * The caller's role comes from {@code roleCheck} (the workspace-membership check, which refuses a
     * stranger), run on this thread while the workspace's public channels and the caller's memberships
     * are read side by side.
     */
    public InWorkspace of(String userId, String workspaceId, Supplier<Role> roleCheck) {
        var publicChannels = parallel.start(() -> publicChannels(workspaceId));
        var mine = parallel.start(() -> channels.allMembershipsIn(userId, workspaceId));
        boolean inWorkspace = roleCheck.get() != null;
        Map<String, Channel> publicOnes = Futures.join(publicChannels);
        Set<String> ids = new LinkedHashSet<>();
        publicOnes.values().stream().filter(channel -> AccessFacts.readable(channel.kind(), inWorkspace, false)).map(Channel::id)
                .forEach(ids::add);
        List<String> privateIds = new ArrayList<>();
        for (ChannelMembership membership : Futures.join(mine)) {
            if (membership.kind() != ChannelKind.PUBLIC && AccessFacts.readable(membership.kind(), inWorkspace, membership.active())) {
                ids.add(membership.channelId());
                privateIds.add(membership.channelId());
            }
        }
        return new InWorkspace(ids, publicOnes, privateIds, channels, workspaceId);
    }

    private Map<String, Channel> publicChannels(String workspaceId) {
        Map<String, Channel> found = new LinkedHashMap<>();
        String after = null;
        Page<Channel> page;
        do {
            page = channels.publicChannels(workspaceId, after, PAGE, true);
            page.items().forEach(channel -> found.put(channel.id(), channel));
            after = page.items().isEmpty() ? null : page.items().get(page.items().size() - 1).id();
        } while (page.hasMore() && after != null);
        return found;
    }
}
