package dev.parley.event;

import java.util.Map;

import dev.parley.platform.memory.Lru;

/**
 * The head (see {@link ChannelHead}) per channel this pod committed or read: right unless another
 * pod appended since, and then the head's condition fails and it is read again. Least recently used
 * channels are forgotten beyond {@code capacity}.
 */
final class RecentHeads {

    private final Map<String, ChannelHead> heads;

    RecentHeads(int capacity) {
        this.heads = Lru.map(capacity);
    }

    ChannelHead get(String channelId) {
        return heads.get(channelId);
    }

    /** Keeps the newer of what is known and {@code head}. */
    void remember(String channelId, ChannelHead head) {
        heads.merge(channelId, head, (known, seen) -> seen.seq() >= known.seq() ? seen : known);
    }

    void forget(String channelId) {
        heads.remove(channelId);
    }
}
