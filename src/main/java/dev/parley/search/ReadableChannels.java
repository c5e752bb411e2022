package dev.parley.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

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
     * The caller's role comes from {@code roleCheck} (the workspace-membership check, which refuses a
     * stranger), run on this thread while the workspace's public channels and the caller's memberships
     * are read side by side.
     */
    public List<Channel> of(String userId, String workspaceId, Supplier<Role> roleCheck) {
        var publicChannels = parallel.start(() -> publicChannels(workspaceId));
        var mine = parallel.start(() -> channels.allMembershipsIn(userId, workspaceId));
        Role role = roleCheck.get();
        Map<String, Channel> found = ParallelReads.join(publicChannels);
        List<ChannelMembership> memberships = ParallelReads.join(mine).stream().filter(ChannelMembership::active).toList();
        Set<String> memberOf = memberships.stream().map(ChannelMembership::channelId).collect(Collectors.toSet());
        List<String> others = memberships.stream().filter(m -> m.kind() != ChannelKind.PUBLIC).map(ChannelMembership::channelId)
                .filter(id -> !found.containsKey(id)).toList();
        if (!others.isEmpty()) {
            channels.findAll(workspaceId, others).forEach(channel -> found.put(channel.id(), channel));
        }
        List<Channel> readable = new ArrayList<>();
        for (Channel channel : found.values()) {
            if (new AccessFacts(userId, channel, role, memberOf.contains(channel.id())).readable()) {
                readable.add(channel);
            }
        }
        return readable;
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
