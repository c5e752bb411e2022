package dev.parley.search;

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
                rebuild.rebuild(index, index.outdated());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Search: start-up failed; searches may miss older messages until a rebuild");
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean();

    /** Rebuilds the whole index now (the on-demand command); returns how many messages it read, or -1 when a rebuild already runs. */
    public long rebuildNow() {
        if (!rebuilding.compareAndSet(false, true)) {
            return -1;
        }
        try {
            return rebuild.rebuild(index, true);
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
