package dev.parley.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.message.Message;
import dev.parley.message.MessageItems;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Builds the index from DynamoDB: a scan of the Messages table, 500 at a time, each page indexed with
 * its files and made durable, progress logged every 10,000 messages. Messages the log's indexer wrote
 * since the rebuild began are left as it wrote them (it read them later).
 */
@ApplicationScoped
public class SearchRebuild {

    private static final Logger LOG = Logger.getLogger(SearchRebuild.class);
    private static final int PAGE = 500;
    private static final int REPORT_EVERY = 10_000;

    private final Dynamo dynamo;
    private final SearchIndexer indexer;

    public SearchRebuild(Dynamo dynamo, SearchIndexer indexer) {
        this.dynamo = dynamo;
        this.indexer = indexer;
    }

    /** Rebuilds {@code index} (the service's, or another one, e.g. in tests) from every message stored; returns how many. */
    public long rebuild(SearchIndex index, boolean clearFirst) {
        long started = System.nanoTime();
        LOG.infof("Search: rebuilding the index from DynamoDB (%s)", clearFirst ? "from empty" : "missing or unfinished");
        if (clearFirst) {
            index.clear(); // before the rebuild starts, so what the indexer writes from here on is kept
        }
        // Messages the log's indexer wrote meanwhile are newer there than the scan's copy; another index
        // (a test's, a tool's) gets no such writes, so it takes every message the scan finds.
        boolean live = indexer.writesTo(index);
        indexer.rebuildStarted();
        try {
            long count = 0;
            long nextReport = REPORT_EVERY;
            ScanRequest scan = ScanRequest.builder().tableName(dynamo.name(Table.MESSAGES)).limit(PAGE).build();
            for (var page : dynamo.client().scanPaginator(scan)) {
                List<Message> messages = new ArrayList<>();
                for (Map<String, AttributeValue> item : page.items()) {
                    Message message = MessageItems.fromItem(item);
                    if (!live || !indexer.writtenSinceRebuildBegan(message.id())) {
                        messages.add(message);
                    }
                }
                index.index(indexer.indexed(messages, id -> 0L)); // version 0: never over what the log wrote
                index.flush();
                count += page.items().size();
                if (count >= nextReport) {
                    LOG.infof("Search: rebuild indexed %d messages so far", count);
                    nextReport += REPORT_EVERY;
                }
            }
            index.markBuilt();
            LOG.infof("Search: rebuild done, %d messages in %d s", count, (System.nanoTime() - started) / 1_000_000_000L);
            return count;
        } finally {
            indexer.rebuildEnded();
        }
    }
}
