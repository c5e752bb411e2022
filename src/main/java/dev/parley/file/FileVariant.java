package dev.parley.file;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The objects a file may have in the bucket, under {@code files/<fileId>/<variant>}. */
public enum FileVariant {
    ORIGINAL,
    THUMBNAIL,
    PREVIEW;

    /** As it appears in object keys and download links. */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String key(String fileId) {
        return "files/" + fileId + "/" + pathName();
    }

    public static Optional<FileVariant> fromPath(String pathName) {
        for (FileVariant variant : values()) {
            if (variant.pathName().equals(pathName)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    /** Every key a file may have objects under (deleting a missing one is harmless). */
    public static List<String> allKeys(String fileId) {
        return List.of(ORIGINAL.key(fileId), THUMBNAIL.key(fileId), PREVIEW.key(fileId));
    }
}
