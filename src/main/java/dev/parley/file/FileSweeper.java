package dev.parley.file;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.s3.ObjectStorage;
import io.quarkus.scheduler.Scheduled;

/**
 * Removes, object and record, the uploads never completed ({@code parley.files.abandon-after}) and
 * the files of deleted messages past their grace period. Every pod sweeps: a file is first claimed
 * (which makes its completion fail), then its objects and its record are deleted, all of which is
 * harmless to repeat, so pods sweeping the same file at once, or a sweep cut short and run again,
 * leave the same result.
 */
@ApplicationScoped
public class FileSweeper {

    private static final Logger LOG = Logger.getLogger(FileSweeper.class);
    /** How many days back the sweep looks for due files (a pod fleet down longer leaves older ones). */
    static final int LOOKBACK_DAYS = 7;

    private final FileStore store;
    private final ObjectStorage storage;

    public FileSweeper(FileStore store, ObjectStorage storage) {
        this.store = store;
        this.storage = storage;
    }

    @Scheduled(every = "${parley.files.sweep-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int removed = sweepDue(Instant.now());
        if (removed > 0) {
            LOG.infof("Removed %d abandoned uploads and files of deleted messages", removed);
        }
    }

    /** Removes what is due by {@code now}; returns how many files. */
    public int sweepDue(Instant now) {
        int removed = 0;
        for (FileStore.Due due : store.due(now, LOOKBACK_DAYS)) {
            if (store.claim(due)) {
                storage.delete(FileVariant.allKeys(due.file().id()));
                store.delete(due.file().id());
                removed++;
            }
        }
        return removed;
    }
}
