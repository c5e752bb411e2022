package dev.parley.search.opensearch;

import dev.parley.search.SearchFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        List<String> deleted = new ArrayList<>();
        for (IndexedMessage message : messages) {
            List<JsonObject> docs = OpenSearchMapping.documents(message);
            if (docs.isEmpty()) {
                deleted.add(message.id());
            }
            for (JsonObject doc : docs) {
                bulk.append(new JsonObject().put("index", new JsonObject().put("_id", doc.getString(SearchFields.DOC_ID))).encode())
                        .append('\n').append(doc.encode()).append('\n');
            }
        }
        bulk(bulk.toString());
        if (!deleted.isEmpty()) {
            bulk(documentsOf(deleted).stream().map(id -> new JsonObject().put("delete", new JsonObject().put("_id", id)).encode() + "\n")
                    .reduce("", String::concat));
        }
    }

    /**
     * Every document of these messages: their texts and whatever files they had (found after a refresh,
     * so that one indexed a moment ago is found too; delete-by-query is a module the node may lack).
     */
    private List<String> documentsOf(List<String> messageIds) {
        flush();
        List<String> ids = new ArrayList<>(messageIds.stream().map(id -> "m:" + id).toList());
        JsonObject query = new JsonObject().put("size", 10_000).put("_source", false)
                .put("query", new JsonObject().put("terms", new JsonObject().put(SearchFields.MESSAGE, new JsonArray(messageIds))));
        http.require("POST", name + "/_search", query).getJsonObject("hits").getJsonArray("hits").stream()
                .map(hit -> ((JsonObject) hit).getString("_id")).filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    private void bulk(String lines) {
        if (lines.isEmpty()) {
            return;
        }
        JsonObject answer = OpenSearchHttp.checked("POST", name + "/_bulk", http.send("POST", name + "/_bulk", lines, "application/x-ndjson"));
        if (answer.getBoolean("errors", false)) {
            throw new IllegalStateException("OpenSearch refused part of a bulk write: " + firstError(answer));
        }
    }

    private static String firstError(JsonObject bulk) {
        return bulk.getJsonArray("items").stream()
                .map(item -> ((JsonObject) item).stream().findFirst().map(action -> (JsonObject) action.getValue()).orElse(null))
                .filter(result -> result != null && result.containsKey("error")).map(result -> result.getValue("error").toString())
                .findFirst().orElse("?");
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
