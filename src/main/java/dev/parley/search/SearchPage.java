package dev.parley.search;

import java.time.Instant;
import java.util.List;

/** Hits in order, whether more follow, and the moment the results are as of. */
public record SearchPage(List<Hit> hits, boolean hasMore, Instant asOf) {

    /**
     * One message or file found: {@code fileId} is set for a file hit. The snippet is plain text with the
     * matched words at {@code highlights}.
     */
    public record Hit(String docId, String messageId, String fileId, String channelId, long createdAtMillis, float score,
            String snippet, List<TextRange> highlights) {

        public SearchCursor cursor(Instant asOf) {
            return new SearchCursor(asOf, score, createdAtMillis, docId);
        }
    }
}
