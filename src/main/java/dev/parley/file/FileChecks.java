package dev.parley.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.s3.ObjectStorage;

/**
 * Turns an upload into a file, for both ways of uploading: its first bytes must be of the declared
 * type's family and not a denied type; images get their previews. A refused upload is removed, object
 * and record, so nothing of it stays behind.
 */
@ApplicationScoped
public class FileChecks {

    private final FileTypes types;
    private final ImagePreviews previews;
    private final ObjectStorage storage;
    private final FileStore store;

    public FileChecks(FileTypes types, ImagePreviews previews, ObjectStorage storage, FileStore store) {
        this.types = types;
        this.previews = previews;
        this.storage = storage;
        this.store = store;
    }

    /** The type to store for an upload whose bytes begin with {@code head}; refuses (and removes) a mismatch or a denied type. */
    public String verifiedType(StoredFile pending, byte[] head, String field) {
        String declared = pending.contentType();
        String verified = types.verified(declared, head).orElseThrow(() -> refused(pending, ParleyException.badInput(field,
                "The file's bytes are " + types.detect(head) + ", not " + declared).with("subCode", "TYPE_MISMATCH")));
        if (types.isDenied(verified)) {
            throw refused(pending, UploadRules.deniedType(field, verified));
        }
        return verified;
    }

    /**
     * Makes previews of an image whose bytes are stored, then records the file as READY. Refuses (and
     * removes) an image over the pixel cap. NOT_FOUND if a sweep removed the upload meanwhile.
     */
    public StoredFile finish(StoredFile pending, String verifiedType, long size, String field) {
        Optional<ImagePreviews.Previews> made = previews.decodes(verifiedType) ? previewsOf(pending, field) : Optional.empty();
        StoredFile checked = made.map(p -> pending.checked(verifiedType, size, p.width(), p.height(), p.type()))
                .orElseGet(() -> pending.checked(verifiedType, size, null, null, null));
        if (!store.markReady(checked)) {
            Optional<StoredFile> now = store.find(pending.id());
            if (now.map(file -> file.status() == FileStatus.READY).orElse(false)) {
                return now.get(); // completed twice at once: the other one won, with the same result
            }
            storage.delete(List.of(FileVariant.THUMBNAIL.key(pending.id()), FileVariant.PREVIEW.key(pending.id())));
            throw ParleyException.notFound("Upload");
        }
        return checked;
    }

    /** Removes an upload that will not become a file, and returns {@code error} to throw. */
    public ParleyException refused(StoredFile pending, ParleyException error) {
        remove(pending);
        return error;
    }

    /** Removes an upload that will not become a file: its objects, then its record. Harmless to repeat. */
    public void remove(StoredFile pending) {
        storage.delete(FileVariant.allKeys(pending.id()));
        store.delete(pending.id());
    }

    private Optional<ImagePreviews.Previews> previewsOf(StoredFile pending, String field) {
        Path copy = null;
        try {
            copy = Files.createTempFile("parley-image-", ".bin");
            storage.download(FileVariant.ORIGINAL.key(pending.id()), copy);
            Optional<ImagePreviews.Previews> made = previews.make(copy);
            made.ifPresent(p -> {
                storage.put(FileVariant.THUMBNAIL.key(pending.id()), p.thumbnail(), p.type());
                storage.put(FileVariant.PREVIEW.key(pending.id()), p.preview(), p.type());
            });
            return made;
        } catch (ImagePreviews.TooManyPixels bomb) {
            throw refused(pending, ParleyException.badInput(field, "Images have at most " + previews.maxPixels() + " pixels; this one has "
                    + bomb.pixels()).with("subCode", "IMAGE_TOO_LARGE"));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its temp folder
        }
    }
}
