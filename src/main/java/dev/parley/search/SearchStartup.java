package dev.parley.search;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.event.consumer.LogConsumer;
import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, in the background: follows the event log for the index (its first round records where
 * following starts), then rebuilds the index from DynamoDB if it is missing or outdated, so that
 * everything before that point comes from the rebuild and everything after from the log.
 */
@ApplicationScoped
public class SearchStartup {

    private static final Logger LOG = Logger.getLogger(SearchStartup.class);

    private final SearchIndex index;
    private final SearchIndexer indexer;
    private final SearchRebuild rebuild;
    private final LogConsumer consumer;
    private final ParleyConfig config;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile LogConsumer.Following following;
    private volatile Thread worker;

    public SearchStartup(SearchIndex index, SearchIndexer indexer, SearchRebuild rebuild, LogConsumer consumer, ParleyConfig config) {
        this.index = index;
        this.indexer = indexer;
        this.rebuild = rebuild;
        this.consumer = consumer;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        worker = new Thread(this::start, "parley-search-start");
        worker.setDaemon(true);
        worker.start();
    }

    private void start() {
        try {
            following = consumer.follow(indexer.subscriber());
            following.catchUpNow();
            if (config.search().rebuildOnStart() && index.needsRebuild()) {
                rebuildAlone(index.outdated());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Search: start-up failed; searches may miss older messages until a rebuild");
        } finally {
            started.complete(null);
        }
    }

    /** Completes when start-up is over: the log followed and, if one was needed, the rebuild done (or failed). */
    public CompletionStage<Void> whenStarted() {
        return started;
    }

    /** Rebuilds the whole index now (the on-demand command); returns how many messages it read, or -1 when a rebuild already runs. */
    public long rebuildNow() {
        return rebuildAlone(true);
    }

    /** One rebuild at a time, the start-up one included: two would each track what the indexer wrote meanwhile. */
    private long rebuildAlone(boolean clearFirst) {
        if (!rebuilding.compareAndSet(false, true)) {
            return -1;
        }
        try {
            return rebuild.rebuild(index, clearFirst);
        } finally {
            rebuilding.set(false);
        }
    }

    @PreDestroy
    void stop() {
        if (following != null) {
            following.stop();
        }
    }
}
