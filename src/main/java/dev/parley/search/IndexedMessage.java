package dev.parley.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.parley.file.StoredFile;
import dev.parley.message.Message;

/** A message as the index holds it, with the names of its attached files. */
public record IndexedMessage(String id, String channelId, String authorId, String text, Instant createdAt, boolean deleted,
        List<IndexedFile> files) {

    public static IndexedMessage of(Message message, List<StoredFile> files) {
        return new IndexedMessage(message.id(), message.channelId(), message.authorId(), message.text() == null ? "" : message.text(),
                message.createdAt(), message.deleted(),
                message.deleted() ? List.of() : files.stream().map(f -> new IndexedFile(f.id(), f.name())).toList());
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
