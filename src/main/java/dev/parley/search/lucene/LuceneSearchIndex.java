package dev.parley.search.lucene;

import dev.parley.search.SearchFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import dev.parley.search.IndexedMessage;
import dev.parley.search.MessageQuery;
import dev.parley.search.SearchCursor;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchPage;

/**
 * The embedded engine: a Lucene index in a local directory, one writer per process (Lucene's lock
 * file refuses a second one), near-real-time readers refreshed at every flush. Only for a single pod:
 * with several, each would hold only what it indexed (use OpenSearch).
 */
public final class LuceneSearchIndex implements SearchIndex, AutoCloseable {

    /** Bumped when documents or analysis change: an index built by an older version is rebuilt. */
    static final String SCHEMA = "2";
    private static final String BUILT = "parley.built";
    private static final String INDEX_ID = "parley.indexId";
    private static final int SNIPPET_LENGTH = 10_000;

    private final Directory directory;
    private final Analyzer analyzer = MessageAnalyzer.indexing();
    private final StableSimilarity similarity = new StableSimilarity();
    private final LuceneQueries queries = new LuceneQueries(MessageAnalyzer.querying());
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Sort order = new Sort(SortField.FIELD_SCORE, new SortField(SearchFields.CREATED, SortField.Type.LONG, true),
            new SortField(SearchFields.DOC_ID, SortField.Type.STRING));

    public LuceneSearchIndex(Path path) {
        try {
            Files.createDirectories(path);
            this.directory = FSDirectory.open(path);
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(similarity)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
            if (commitData(INDEX_ID) == null) {
                Map<String, String> data = new HashMap<>();
                data.put(INDEX_ID, java.util.UUID.randomUUID().toString());
                writer.setLiveCommitData(data.entrySet());
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
    }

    @Override
    public String consumerName() {
        return "search-lucene-" + commitData(INDEX_ID);
    }

    @Override
    public void index(List<IndexedMessage> messages) {
        try {
            for (IndexedMessage message : messages) {
                Term key = new Term(SearchFields.MESSAGE, message.id());
                List<Document> docs = LuceneDocuments.of(message);
                if (docs.isEmpty()) {
                    writer.deleteDocuments(key);
                } else {
                    writer.updateDocuments(key, docs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchPage search(MessageQuery query, int limit, SearchCursor after) {
        Instant asOf = after == null ? Instant.now() : after.asOf();
        Query lucene = queries.build(query, asOf);
        IndexSearcher searcher = acquire();
        try {
            int maxDoc = searcher.getIndexReader().maxDoc();
            if (maxDoc == 0) {
                return new SearchPage(List.of(), false, asOf);
            }
            // Document ids only break ties between equal sort values, which docId makes unique but for the
            // cursor's own document: the last id puts that one before the cursor, whatever its id now is.
            FieldDoc from = after == null ? null
                    : new FieldDoc(maxDoc - 1, after.score(), new Object[] { after.score(), after.createdAtMillis(), new BytesRef(after.docId()) });
            TopFieldDocs top = searcher.searchAfter(from, lucene, limit + 1, order, true);
            boolean more = top.scoreDocs.length > limit;
            ScoreDoc[] page = more ? java.util.Arrays.copyOf(top.scoreDocs, limit) : top.scoreDocs;
            String[] snippets = snippets(searcher, query, new TopDocs(top.totalHits, page));
            StoredFields stored = searcher.storedFields();
            List<SearchPage.Hit> hits = new ArrayList<>();
            for (int i = 0; i < page.length; i++) {
                Document doc = stored.document(page[i].doc);
                String text = snippets[i] != null ? snippets[i] : first(doc.get(SearchFields.TEXT));
                Snippets.Snippet snippet = Snippets.parse(text);
                hits.add(new SearchPage.Hit(doc.get(SearchFields.DOC_ID), doc.get(SearchFields.MESSAGE), doc.get(SearchFields.FILE),
                        doc.get(SearchFields.CHANNEL), doc.getField(SearchFields.CREATED).numericValue().longValue(), page[i].score,
                        snippet.text(), snippet.highlights()));
            }
            return new SearchPage(hits, more, asOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private String[] snippets(IndexSearcher searcher, MessageQuery query, TopDocs page) throws IOException {
        Query text = queries.text(query);
        if (text == null || page.scoreDocs.length == 0) {
            return new String[page.scoreDocs.length];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer).withFormatter(new Snippets())
                .withMaxLength(SNIPPET_LENGTH).withMaxNoHighlightPassages(0).build();
        return highlighter.highlight(SearchFields.TEXT, text, page, 2);
    }

    private static String first(String text) {
        return text == null || text.length() <= 200 ? text == null ? "" : text : text.substring(0, 200) + "…";
    }

    @Override
    public boolean needsRebuild() {
        return !SCHEMA.equals(commitData(BUILT));
    }

    @Override
    public boolean outdated() {
        String built = commitData(BUILT);
        return built != null && !SCHEMA.equals(built);
    }

    private synchronized String commitData(String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(key)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /** Sets (or with null removes) one entry of the data every later commit carries. */
    private synchronized void setCommitData(String key, String value) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
        writer.setLiveCommitData(data.entrySet());
    }

    @Override
    public void markBuilt() {
        setCommitData(BUILT, SCHEMA);
        flush();
    }

    @Override
    public void clear() {
        try {
            writer.deleteAll();
            setCommitData(BUILT, null);
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
