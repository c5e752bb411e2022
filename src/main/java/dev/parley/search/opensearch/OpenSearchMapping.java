package dev.parley.search.opensearch;

import static dev.parley.search.SearchFields.DOC_ID;
import static dev.parley.search.SearchFields.KIND;
import static dev.parley.search.SearchFields.MESSAGE;
import static dev.parley.search.SearchFields.FILE;
import static dev.parley.search.SearchFields.CHANNEL;
import static dev.parley.search.SearchFields.AUTHOR;
import static dev.parley.search.SearchFields.CREATED;
import static dev.parley.search.SearchFields.HAS_FILE;
import static dev.parley.search.SearchFields.TEXT;

import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchKind;

/**
 * The index as OpenSearch holds it: the same documents as the embedded engine (one per message text,
 * {@code m:<id>}, one per attached file name, {@code f:<fileId>}), the same analysis (Unicode words,
 * lower case, folded accents, English possessives and Porter stems, CJK bigrams; no stop words) and
 * the same corpus-free BM25 score (a script similarity: no idf, a fixed typical length), so a
 * message's score depends on it and the query alone and cursors stay stable while messages arrive.
 */
final class OpenSearchMapping {

    /** Bumped when documents or analysis change: an index built by an older version is rebuilt. */
    static final String SCHEMA = "2";

    /** Lucene's BM25 (k1 1.2, b 0.75) with idf 1 and an average length of 12 words, as StableSimilarity. */
    private static final String STABLE_BM25 =
            "double tf = doc.freq; return query.boost * tf / (tf + 1.2 * (0.25 + 0.75 * doc.length / 12.0));";

    private OpenSearchMapping() {
    }

    static JsonObject index() {
        JsonObject analysis = new JsonObject()
                .put("filter", new JsonObject().put("parley_possessive", new JsonObject().put("type", "stemmer").put("language", "possessive_english"))
                        .put("parley_cjk_with_unigrams", new JsonObject().put("type", "cjk_bigram").put("output_unigrams", true)))
                .put("analyzer", new JsonObject()
                        .put("parley_text", textAnalyzer("cjk_bigram"))
                        .put("parley_text_indexed", textAnalyzer("parley_cjk_with_unigrams")));
        JsonObject settings = new JsonObject().put("number_of_shards", 1).put("number_of_replicas", 0)
                .put("refresh_interval", "1s").put("analysis", analysis)
                .put("similarity", new JsonObject().put("parley_stable", new JsonObject().put("type", "scripted")
                        .put("script", new JsonObject().put("source", STABLE_BM25))));
        JsonObject properties = new JsonObject()
                .put(DOC_ID, keyword()).put(KIND, keyword()).put(MESSAGE, keyword()).put(FILE, keyword())
                .put(CHANNEL, keyword()).put(AUTHOR, keyword())
                .put(CREATED, new JsonObject().put("type", "long"))
                .put(HAS_FILE, new JsonObject().put("type", "boolean"))
                .put(TEXT, new JsonObject().put("type", "text").put("analyzer", "parley_text_indexed").put("search_analyzer", "parley_text")
                        .put("similarity", "parley_stable")
                        .put("index_options", "offsets"));
        return new JsonObject().put("settings", settings)
                .put("mappings", new JsonObject().put("dynamic", "strict").put("properties", properties));
    }

    /** As MessageAnalyzer: the text is indexed with CJK characters also one by one, queries keep bigrams alone. */
    private static JsonObject textAnalyzer(String cjk) {
        return new JsonObject().put("type", "custom").put("tokenizer", "standard")
                .put("filter", new JsonArray(List.of("cjk_width", "parley_possessive", "lowercase", "asciifolding", cjk, "porter_stem")));
    }

    private static JsonObject keyword() {
        return new JsonObject().put("type", "keyword");
    }

    /** The documents a message is now: none when it is deleted. */
    static List<JsonObject> documents(IndexedMessage message) {
        return message.parts().stream().map(part -> document(part.docId(), part.kind(), message, part.fileId(), part.text(), part.hasFile())).toList();
    }

    private static JsonObject document(String docId, SearchKind kind, IndexedMessage message, String fileId, String text, boolean hasFile) {
        JsonObject doc = new JsonObject().put(DOC_ID, docId).put(KIND, kind.name()).put(MESSAGE, message.id())
                .put(CHANNEL, message.channelId()).put(AUTHOR, message.authorId())
                .put(CREATED, message.createdAt().toEpochMilli()).put(HAS_FILE, hasFile).put(TEXT, dev.parley.search.lucene.Snippets.clean(text));
        if (fileId != null) {
            doc.put(FILE, fileId);
        }
        return doc;
    }
}
