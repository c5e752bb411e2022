package dev.parley.search.lucene;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * BM25 without corpus statistics: no inverse document frequency and a fixed average length, so a
 * message's score for a query depends on the message and the query only. New messages elsewhere then
 * do not reorder the results between two pages (cursors compare scores), and every term of a query
 * counts alike, which suits short chat messages where all words are required anyway.
 */
public final class StableSimilarity extends BM25Similarity {

    /** Words in a typical chat message. */
    private static final float TYPICAL_LENGTH = 12f;

    @Override
    protected float avgFieldLength(CollectionStatistics collectionStats) {
        return TYPICAL_LENGTH;
    }

    @Override
    public Explanation idfExplain(CollectionStatistics collectionStats, TermStatistics termStats) {
        return Explanation.match(1f, "no idf: scores do not depend on other documents");
    }

    @Override
    public Explanation idfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats) {
        return Explanation.match(termStats.length, "no idf: one per term");
    }
}
