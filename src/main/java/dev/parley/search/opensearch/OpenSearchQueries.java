package dev.parley.search.opensearch;

import dev.parley.search.SearchFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.parley.search.MessageQuery;
import dev.parley.search.SearchCursor;

/** {@link MessageQuery} as an OpenSearch search body, the same clauses as the embedded engine's. */
final class OpenSearchQueries {

    private static final String OPEN = "\uE000";
    private static final String CLOSE = "\uE001";

    private OpenSearchQueries() {
    }

    /** One page: best first, then newer, then by document id; {@code limit + 1} hits to tell whether more follow. */
    static JsonObject search(MessageQuery query, int limit, SearchCursor after, Instant asOf) {
        JsonObject body = new JsonObject().put("size", limit + 1).put("query", query(query, asOf)).put("track_total_hits", false)
                .put("_source", new JsonArray(List.of(SearchFields.DOC_ID, SearchFields.MESSAGE, SearchFields.FILE,
                        SearchFields.CHANNEL, SearchFields.CREATED, SearchFields.TEXT)))
                .put("sort", new JsonArray().add(new JsonObject().put("_score", "desc"))
                        .add(new JsonObject().put(SearchFields.CREATED, "desc"))
                        .add(new JsonObject().put(SearchFields.DOC_ID, "asc")));
        if (after != null) {
            body.put("search_after", new JsonArray().add(after.score()).add(after.createdAtMillis()).add(after.docId()));
        }
        JsonObject text = text(query);
        if (text != null) {
            body.put("highlight", new JsonObject().put("type", "unified").put("number_of_fragments", 2).put("fragment_size", 200)
                    .put("pre_tags", new JsonArray().add(OPEN)).put("post_tags", new JsonArray().add(CLOSE))
                    .put("highlight_query", text).put("fields", new JsonObject().put(SearchFields.TEXT, new JsonObject())));
        }
        return body;
    }

    private static JsonObject query(MessageQuery query, Instant asOf) {
        JsonArray filter = new JsonArray()
                .add(term(SearchFields.KIND, query.kind().name()))
                .add(new JsonObject().put("terms", new JsonObject().put(SearchFields.CHANNEL, new JsonArray(List.copyOf(query.channelIds())))));
        if (!query.authorIds().isEmpty()) {
            filter.add(new JsonObject().put("terms", new JsonObject().put(SearchFields.AUTHOR, new JsonArray(List.copyOf(query.authorIds())))));
        }
        JsonObject range = new JsonObject().put("lte", asOf.toEpochMilli());
        if (query.from() != null) {
            range.put("gte", query.from().toEpochMilli());
        }
        if (query.until() != null) {
            range.put("lt", query.until().toEpochMilli());
        }
        filter.add(new JsonObject().put("range", new JsonObject().put(SearchFields.CREATED, range)));
        if (query.hasFile()) {
            filter.add(term(SearchFields.HAS_FILE, true));
        }
        JsonObject bool = new JsonObject().put("filter", filter);
        JsonObject text = text(query);
        if (text != null) {
            bool.put("must", new JsonArray().add(text));
        }
        if (!query.excluded().isEmpty()) {
            bool.put("must_not", new JsonArray(query.excluded().stream().map(OpenSearchQueries::phrase).toList()));
        }
        return new JsonObject().put("bool", bool);
    }

    /** The scored part: every word and phrase required (a word CJK splits into bigrams is a phrase too). */
    private static JsonObject text(MessageQuery query) {
        List<Object> parts = new ArrayList<>();
        query.words().forEach(word -> parts.add(phrase(word)));
        query.phrases().forEach(phrase -> parts.add(phrase(phrase)));
        return parts.isEmpty() ? null : new JsonObject().put("bool", new JsonObject().put("must", new JsonArray(parts)));
    }

    private static JsonObject phrase(String text) {
        return new JsonObject().put("match_phrase", new JsonObject().put(SearchFields.TEXT, text));
    }

    private static JsonObject term(String field, Object value) {
        return new JsonObject().put("term", new JsonObject().put(field, value));
    }
}
