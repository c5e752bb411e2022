package dev.parley.search;

import java.util.List;

/**
 * Where message text and file names are searched: embedded Lucene on one pod
 * ({@link dev.parley.search.lucene.LuceneSearchIndex}) or OpenSearch for many. It knows nothing of
 * permissions: every search names the channels it may look in, and {@link SearchService} re-checks
 * every hit. Written to only by the indexer (one per log partition, see
 * {@link dev.parley.event.consumer.LogConsumer}) and by a rebuild, always with messages as they are now,
 * so writing the same message again is harmless.
 */
public interface SearchIndex {

    /**
     * The name of the log consumer that keeps this index current: one per Lucene index (each pod's own
     * index follows every channel, and a new index starts afresh), one per OpenSearch index (the pods
     * share its partitions).
     */
    String consumerName();

    /** Makes the index hold these messages as they are now: a deleted one, and its files, are removed. */
    void index(List<IndexedMessage> messages);

    /** Makes what was indexed visible to searches and durable (before the log checkpoint moves past it). */
    void flush();

    /** One page of hits, best first (relevance, then newer first), after {@code after} (null: the first page). */
    SearchPage search(MessageQuery query, int limit, SearchCursor after);

    /** Whether the index is missing, empty or built by an older version of Parley, and so must be rebuilt. */
    boolean needsRebuild();

    /** Whether it was built by an older version of Parley, whose analysis may differ: then it is rebuilt from empty. */
    boolean outdated();

    /** Records that a full rebuild finished. */
    void markBuilt();

    /** Removes everything (before a rebuild on demand). */
    void clear();

    /** How many messages and files it holds. */
    long count();
}
