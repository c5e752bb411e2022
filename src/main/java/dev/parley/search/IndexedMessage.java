package dev.parley.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.parley.file.StoredFile;
import dev.parley.message.Message;

/**
 * A message as the index holds it, with the names of its attached files. {@code version} is the log
 * sequence number of the latest event it was written for (0 from a rebuild): an engine shared by many
 * pods keeps a newer version against a late write of an older one.
 */
public record IndexedMessage(String id, String channelId, String authorId, String text, Instant createdAt, boolean deleted,
        List<IndexedFile> files, long version) {

    public static IndexedMessage of(Message message, List<StoredFile> files, long version) {
        return new IndexedMessage(message.id(), message.channelId(), message.authorId(), message.text() == null ? "" : message.text(),
                message.createdAt(), message.deleted(),
                message.deleted() ? List.of() : files.stream().map(f -> new IndexedFile(f.id(), f.name())).toList(), version);
    }

    public record IndexedFile(String id, String name) {
    }

    /** One searchable document: the message's text, or one attached file's name. */
    public record Part(String docId, SearchKind kind, String fileId, String text, boolean hasFile) {
    }

    /** The documents this message is in every engine now: none when it is deleted. */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        if (deleted) {
            return parts;
        }
        parts.add(new Part("m:" + id, SearchKind.MESSAGE, null, text, !files.isEmpty()));
        for (IndexedFile file : files) {
            parts.add(new Part("f:" + file.id(), SearchKind.FILE, file.id(), file.name(), true));
        }
        return parts;
    }
}
