package dev.parley.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.memory.Lru;

/**
 * What never changes about a channel (its workspace, kind and creator), by id, remembered on this
 * pod with no expiry: the keys a send's conditions need come from here without a read. A channel
 * not remembered is read once ({@link ChannelStore#find}); least recently used ones are forgotten
 * beyond {@link #CAPACITY}.
 */
@ApplicationScoped
public class ChannelDirectory {

    /** The immutable facts of a channel. */
    public record Identity(String channelId, String workspaceId, ChannelKind kind, String createdBy) {

        static Identity of(Channel channel) {
            return new Identity(channel.id(), channel.workspaceId(), channel.kind(), channel.createdBy());
        }
    }

    static final int CAPACITY = 100_000;

    private final ChannelStore channels;
    private final Map<String, Identity> known = Lru.map(CAPACITY);

    public ChannelDirectory(ChannelStore channels) {
        this.channels = channels;
    }

    /** The channel's immutable facts, or empty when there is no such channel. */
    public Optional<Identity> identity(String channelId) {
        Identity identity = known.get(channelId);
        if (identity != null) {
            return Optional.of(identity);
        }
        return channels.find(channelId).map(this::remember);
    }

    /** The channel as stored now: one consistent read by its key (the id's workspace remembered), empty if there is none. */
    public Optional<Channel> channel(String channelId) {
        Identity identity = known.get(channelId);
        if (identity == null) {
            return channels.find(channelId).map(channel -> {
                remember(channel);
                return channel;
            });
        }
        return channels.get(identity.workspaceId(), channelId);
    }

    /**
     * Many channels as stored now, by id (ids of no channel left out): those remembered in one
     * consistent batch read per workspace, the others one by one as {@link #channel}.
     */
    public Map<String, Channel> channels(Collection<String> channelIds) {
        Map<String, Channel> found = new HashMap<>();
        Map<String, List<String>> byWorkspace = new HashMap<>();
        for (String id : new LinkedHashSet<>(channelIds)) {
            Identity identity = known.get(id);
            if (identity == null) {
                channel(id).ifPresent(channel -> found.put(id, channel));
            } else {
                byWorkspace.computeIfAbsent(identity.workspaceId(), w -> new ArrayList<>()).add(id);
            }
        }
        byWorkspace.forEach((workspaceId, ids) -> channels.findAll(workspaceId, ids).forEach(channel -> found.put(channel.id(), channel)));
        return found;
    }

    private Identity remember(Channel channel) {
        Identity identity = Identity.of(channel);
        known.put(channel.id(), identity);
        return identity;
    }
}
