package dev.parley.search;

import java.time.Instant;
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
}
