package dev.parley.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEvent;
import dev.parley.event.consumer.LogSubscriber;
import dev.parley.file.FileStatus;
import dev.parley.file.FileStore;
import dev.parley.file.StoredFile;
import dev.parley.message.Message;

/**
 * Keeps the search index current from the channel event log: every event about a message (created,
 * edited, deleted, reacted to, replied to) writes the message as it is now, so an edit replaces the
 * old text and a delete removes it, and handling an event twice changes nothing. Membership and
 * channel events need nothing here: who may read what is decided at query time. Started by
 * {@link SearchStartup}, which also rebuilds the index; while a rebuild runs, a message this indexer
 * wrote is not written again by the rebuild (which may have read it earlier).
 */
@ApplicationScoped
public class SearchIndexer {

    private final SearchIndex index;
    private final FileStore files;
    private volatile Set<String> writtenDuringRebuild;

    public SearchIndexer(SearchIndex index, FileStore files) {
        this.index = index;
        this.files = files;
    }

    /** The indexer as a log subscriber (not a bean of that type, so that only {@link SearchStartup} starts it). */
    public LogSubscriber subscriber() {
        return new LogSubscriber() {
            @Override
            public String name() {
                return index.consumerName();
            }

            @Override
            public void apply(String channelId, List<ChannelEvent> events) {
                SearchIndexer.this.apply(channelId, events);
            }

            @Override
            public void flush() {
                index.flush();
            }
        };
    }

    void apply(String channelId, List<ChannelEvent> events) {
        Map<String, Message> latest = new LinkedHashMap<>();
        Map<String, Long> versions = new HashMap<>();
        for (ChannelEvent event : events) {
            if (event.message() != null) {
                latest.put(event.message().id(), event.message());
                versions.merge(event.message().id(), event.seq(), Math::max);
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        Set<String> rebuilding = writtenDuringRebuild;
        if (rebuilding != null) {
            rebuilding.addAll(latest.keySet());
        }
        index.index(indexed(latest.values(), id -> versions.getOrDefault(id, 0L)));
    }

    /**
     * The messages with the names of their attached files (ready ones): one batch read of the files.
     * {@code version} gives each message's version (see {@link IndexedMessage}).
     */
    public List<IndexedMessage> indexed(Collection<Message> messages, ToLongFunction<String> version) {
        List<String> fileIds = messages.stream().filter(m -> !m.deleted()).flatMap(m -> m.fileIds().stream()).distinct().toList();
        Map<String, StoredFile> found = fileIds.isEmpty() ? Map.of() : files.findAll(fileIds);
        return messages.stream().map(message -> IndexedMessage.of(message, message.fileIds().stream().map(found::get)
                .filter(Objects::nonNull).filter(file -> file.status() == FileStatus.READY).toList(), version.applyAsLong(message.id()))).toList();
    }

    /** Whether {@code other} is the index this indexer writes the log's events to (the same bean). */
    boolean writesTo(SearchIndex other) {
        return other == index;
    }

    /** A rebuild starts: remember what is written meanwhile. */
    void rebuildStarted() {
        writtenDuringRebuild = ConcurrentHashMap.newKeySet();
    }

    /** Whether the rebuild should leave this message alone (written here since the rebuild began). */
    boolean writtenSinceRebuildBegan(String messageId) {
        Set<String> rebuilding = writtenDuringRebuild;
        return rebuilding != null && rebuilding.contains(messageId);
    }

    void rebuildEnded() {
        writtenDuringRebuild = null;
    }
}
