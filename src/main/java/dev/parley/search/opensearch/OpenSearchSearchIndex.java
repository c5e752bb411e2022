package dev.parley.search.opensearch;

import dev.parley.search.SearchFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.parley.search.IndexedMessage;
import dev.parley.search.MessageQuery;
import dev.parley.search.SearchCursor;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchPage;
import dev.parley.search.lucene.Snippets;

/**
 * The shared engine: one OpenSearch index for every pod. The pods split the event log's partitions
 * between them (one log consumer, named after the index), each writes the messages of its partitions
 * as they are now, so the index is one and consistent whichever pod indexed what. Writes are
 * acknowledged once in the translog (durable); {@link #flush} refreshes, making them searchable.
 */
public final class OpenSearchSearchIndex implements SearchIndex {

    private static final String BUILT = "parleyBuilt";

    private final OpenSearchHttp http;
    private final String name;

    public OpenSearchSearchIndex(String url, String indexName) {
        this.http = new OpenSearchHttp(url);
        this.name = indexName;
        ensureIndex();
    }

    private void ensureIndex() {
        if (http.send("HEAD", name, null).status() == 404) {
            OpenSearchHttp.Answer created = http.send("PUT", name, OpenSearchMapping.index());
            if (!created.ok() && !created.body().encode().contains("resource_already_exists_exception")) {
                OpenSearchHttp.checked("PUT", name, created);
            }
        }
    }

    @Override
    public String consumerName() {
        return "search-opensearch-" + name;
    }

    @Override
    public void index(List<IndexedMessage> messages) {
        StringBuilder bulk = new StringBuilder();
        Map<String, Long> deleted = new HashMap<>();
        for (IndexedMessage message : messages) {
            List<JsonObject> docs = OpenSearchMapping.documents(message);
            if (docs.isEmpty()) {
                deleted.put(message.id(), message.version());
            }
            for (JsonObject doc : docs) {
                bulk.append(action("index", doc.getString(SearchFields.DOC_ID), message.version()).encode())
                        .append('\n').append(doc.encode()).append('\n');
            }
        }
        bulk(bulk.toString());
        if (!deleted.isEmpty()) {
            StringBuilder deletes = new StringBuilder();
            documentsOf(List.copyOf(deleted.keySet()))
                    .forEach((docId, messageId) -> deletes.append(action("delete", docId, deleted.get(messageId)).encode()).append('\n'));
            bulk(deletes.toString());
        }
    }

    /**
     * A bulk action under the message's version: OpenSearch refuses (409, ignored) a write older than
     * what the document holds, so a pod's late write for an older event (a lease handed over meanwhile)
     * never puts back an older text. A delete's version is kept for the index's gc_deletes (60 s).
     */
    private static JsonObject action(String action, String docId, long version) {
        return new JsonObject().put(action, new JsonObject().put("_id", docId).put("version", version).put("version_type", "external_gte"));
    }

    /**
     * Every document of these messages: their texts and whatever files they had (found after a refresh,
     * so that one indexed a moment ago is found too; delete-by-query is a module the node may lack).
     */
    private Map<String, String> documentsOf(List<String> messageIds) {
        flush();
        Map<String, String> messageOfDocument = new LinkedHashMap<>();
        messageIds.forEach(id -> messageOfDocument.put("m:" + id, id));
        JsonObject query = new JsonObject().put("size", 10_000).put("_source", new JsonArray(List.of(SearchFields.MESSAGE)))
                .put("query", new JsonObject().put("terms", new JsonObject().put(SearchFields.MESSAGE, new JsonArray(messageIds))));
        http.require("POST", name + "/_search", query).getJsonObject("hits").getJsonArray("hits").stream().map(hit -> (JsonObject) hit)
                .forEach(hit -> messageOfDocument.putIfAbsent(hit.getString("_id"), hit.getJsonObject("_source").getString(SearchFields.MESSAGE)));
        return messageOfDocument;
    }

    private void bulk(String lines) {
        if (lines.isEmpty()) {
            return;
        }
        JsonObject answer = OpenSearchHttp.checked("POST", name + "/_bulk", http.send("POST", name + "/_bulk", lines, "application/x-ndjson"));
        if (answer.getBoolean("errors", false)) {
            firstError(answer).ifPresent(error -> {
                throw new IllegalStateException("OpenSearch refused part of a bulk write: " + error);
            });
        }
    }

    /** The first error of a bulk answer other than a version conflict (a newer version is already there: nothing to do). */
    private static java.util.Optional<String> firstError(JsonObject bulk) {
        return bulk.getJsonArray("items").stream()
                .map(item -> ((JsonObject) item).stream().findFirst().map(action -> (JsonObject) action.getValue()).orElse(null))
                .filter(result -> result != null && result.containsKey("error") && result.getInteger("status", 0) != 409)
                .map(result -> result.getValue("error").toString()).findFirst();
    }

    @Override
    public void flush() {
        http.require("POST", name + "/_refresh", null);
    }

    @Override
    public SearchPage search(MessageQuery query, int limit, SearchCursor after) {
        Instant asOf = after == null ? Instant.now() : after.asOf();
        JsonObject answer = http.require("POST", name + "/_search", OpenSearchQueries.search(query, limit, after, asOf));
        JsonArray found = answer.getJsonObject("hits").getJsonArray("hits");
        boolean more = found.size() > limit;
        List<SearchPage.Hit> hits = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            JsonObject hit = found.getJsonObject(i);
            JsonObject source = hit.getJsonObject("_source");
            JsonArray sort = hit.getJsonArray("sort");
            Snippets.Snippet snippet = Snippets.parse(snippet(hit, source.getString(SearchFields.TEXT, "")));
            hits.add(new SearchPage.Hit(source.getString(SearchFields.DOC_ID), source.getString(SearchFields.MESSAGE),
                    source.getString(SearchFields.FILE), source.getString(SearchFields.CHANNEL), source.getLong(SearchFields.CREATED),
                    ((Number) sort.getValue(0)).floatValue(), snippet.text(), snippet.highlights()));
        }
        return new SearchPage(hits, more, asOf);
    }

    /** The highlighted fragments joined as the embedded engine joins its passages, or the text's start. */
    private static String snippet(JsonObject hit, String text) {
        JsonObject highlight = hit.getJsonObject("highlight");
        JsonArray fragments = highlight == null ? null : highlight.getJsonArray(SearchFields.TEXT);
        if (fragments == null || fragments.isEmpty()) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "…";
        }
        return String.join(" … ", fragments.stream().map(Object::toString).toList());
    }

    @Override
    public boolean needsRebuild() {
        return !OpenSearchMapping.SCHEMA.equals(builtBy());
    }

    @Override
    public boolean outdated() {
        String built = builtBy();
        return built != null && !OpenSearchMapping.SCHEMA.equals(built);
    }

    private String builtBy() {
        JsonObject mapping = http.require("GET", name + "/_mapping", null).getJsonObject(name, new JsonObject());
        return mapping.getJsonObject("mappings", new JsonObject()).getJsonObject("_meta", new JsonObject()).getString(BUILT);
    }

    @Override
    public void markBuilt() {
        flush();
        http.require("PUT", name + "/_mapping", new JsonObject().put("_meta", new JsonObject().put(BUILT, OpenSearchMapping.SCHEMA)));
    }

    @Override
    public void clear() {
        OpenSearchHttp.Answer gone = http.send("DELETE", name, null);
        if (!gone.ok() && gone.status() != 404) {
            OpenSearchHttp.checked("DELETE", name, gone);
        }
        ensureIndex();
    }

    @Override
    public long count() {
        return http.require("GET", name + "/_count", null).getLong("count");
    }
}
