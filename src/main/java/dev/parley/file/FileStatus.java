package dev.parley.file;

/** Where a file is in its life. Only READY files are visible; the others wait for the sweep or for completion. */
public enum FileStatus {
    /** createUpload or POST /files began; the bytes are not checked yet. */
    PENDING,
    /** Checked and stored: visible to those who may see it. */
    READY,
    /** Its message was deleted: invisible, removed from storage after the grace period. */
    HIDDEN,
    /** A sweep is removing it. */
    SWEEPING
}
