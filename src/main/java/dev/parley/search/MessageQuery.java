package dev.parley.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A search as the engines run it: the words and phrases all required, the excluded terms none, in the
 * given channels only (never empty: the service has already narrowed it to what the caller may read),
 * by these authors (empty: anyone), created in [{@code from}, {@code until}) (null: unbounded).
 */
public record MessageQuery(SearchKind kind, List<String> words, List<String> phrases, List<String> excluded, Set<String> channelIds,
        Set<String> authorIds, Instant from, Instant until, boolean hasFile) {

    public boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }
}
