package dev.parley.search;

import java.time.Instant;

import dev.parley.platform.graphql.ParleyException;

/**
 * Where a page of hits ended: the last hit's score, time and document id, and the moment the first
 * page was asked for ({@code asOf}), after which nothing new joins the results, so pages stay stable
 * while messages arrive. Scores depend on the document and the query only (no corpus statistics), so
 * they are the same when the next page is asked for.
 */
public record SearchCursor(Instant asOf, float score, long createdAtMillis, String docId) {

    /** The cursor as text (inside the opaque cursor the API hands out). */
    public String key() {
        return "s:" + asOf.toEpochMilli() + ":" + Float.floatToIntBits(score) + ":" + createdAtMillis + ":" + docId;
    }

    /** BAD_USER_INPUT on {@code after} when the text is not a cursor's. */
    public static SearchCursor fromKey(String key) {
        String[] parts = key.split(":", 5);
        try {
            if (parts.length == 5 && parts[0].equals("s")) {
                return new SearchCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), Float.intBitsToFloat(Integer.parseInt(parts[2])),
                        Long.parseLong(parts[3]), parts[4]);
            }
        } catch (NumberFormatException malformed) {
            // answered below
        }
        throw ParleyException.badInput("after", "Unknown cursor");
    }
}
