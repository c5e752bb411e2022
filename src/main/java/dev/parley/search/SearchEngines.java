package dev.parley.search;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.search.lucene.LuceneSearchIndex;
import dev.parley.search.opensearch.OpenSearchSearchIndex;

/** The {@link SearchIndex} configuration chooses ({@code parley.search.engine}). */
@ApplicationScoped
public class SearchEngines {

    private static final Logger LOG = Logger.getLogger(SearchEngines.class);

    @Produces
    @ApplicationScoped
    SearchIndex index(ParleyConfig config) {
        String engine = config.search().engine();
        if (engine.equals("opensearch")) {
            String url = config.search().opensearchUrl()
                    .orElseThrow(() -> new IllegalStateException("parley.search.engine=opensearch needs parley.search.opensearch-url"));
            LOG.infof("Search: OpenSearch index %s at %s", config.search().opensearchIndex(), url);
            return new OpenSearchSearchIndex(url, config.search().opensearchIndex());
        }
        if (!engine.equals("lucene")) {
            throw new IllegalStateException("Unknown parley.search.engine " + engine + " (lucene or opensearch)");
        }
        Path directory = Path.of(config.search().directory()).toAbsolutePath();
        LOG.infof("Search: embedded Lucene index at %s", directory);
        return new LuceneSearchIndex(directory);
    }

    void close(@Disposes SearchIndex index) {
        if (index instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warnf("Closing the search index: %s", e.toString());
            }
        }
    }
}
