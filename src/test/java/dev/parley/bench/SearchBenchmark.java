package dev.parley.bench;

import static dev.parley.bench.BenchFigures.percentile;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.message.Message;
import dev.parley.message.MessageItems;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.search.lucene.MessageAnalyzer;
import dev.parley.testing.Accounts;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Search benchmark (bench/run-search, see bench/README.md): {@code bench.search.messages} messages
 * (default 100,000) in {@code bench.search.channels} private channels (200), the caller in
 * {@code bench.search.member-of} of them (50). Search latency through the API (GraphQL over HTTP:
 * readable channels, the index, the re-check of every hit, the messages as they are now) against the
 * same text query on a raw Lucene index of the same texts (no permission filter, no GraphQL), in
 * alternating blocks; and indexing throughput through {@link SearchIndex} against raw
 * {@code addDocument}. Asserts nothing about time.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(SearchBenchProfile.class)
class SearchBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.search.messages", 100_000);
    private static final int CHANNELS = Integer.getInteger("bench.search.channels", 200);
    private static final int MEMBER_OF = Integer.getInteger("bench.search.member-of", 50);
    private static final int QUERIES = Integer.getInteger("bench.search.queries", 200);
    private static final int BATCH = 500;
    private static final String SEARCH = "query($w: ID!, $q: String!) { search(workspaceId: $w, query: $q, first: 20) {"
            + " edges { cursor node { snippet message { id text author { id } } } } } }";

    @Inject
    SearchIndex index;

    @Inject
    Dynamo dynamo;

    @TestHTTPResource("/graphql")
    URL graphqlUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MessageAnalyzer analyzer = MessageAnalyzer.indexing();
    private final MessageAnalyzer queryAnalyzer = MessageAnalyzer.querying();
    private final Random random = new Random(13);
    private final List<String> vocabulary = new ArrayList<>();

    @Test
    void searchLatencyAndIndexingAgainstRawLucene() throws Exception {
        for (int i = 0; i < 3000; i++) {
            vocabulary.add(word(i));
        }
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account owner = team.owner();
        Accounts.Account caller = team.member(0);
        List<String> channels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            String name = Teams.channelName("bench" + i);
            String id = Teams.channel(owner, team.workspaceId(), name, true);
            channels.add(id);
            names.add(name);
            if (i < MEMBER_OF) {
                owner.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                        Map.of("c", id, "u", List.of(caller.userId()))).assertNoErrors();
            }
        }
        List<Message> messages = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < MESSAGES; i++) {
            String author = i % 3 == 0 ? caller.userId() : owner.userId();
            Instant at = start.plusMillis(i * 20L);
            messages.add(new Message(Ids.newId(at), channels.get(i % CHANNELS), author, text(), at, null, false, null, 0, null, List.of(),
                    List.of(), false, Map.of(), null, List.of(), 0));
        }
        long stored = store(messages);

        Path rawDir = Files.createTempDirectory("parley-bench-raw");
        StringBuilder report = new StringBuilder();
        try (FSDirectory raw = FSDirectory.open(rawDir); IndexWriter rawWriter = new IndexWriter(raw, new IndexWriterConfig(analyzer))) {
            long parleyNanos = 0;
            long rawNanos = 0;
            for (int from = 0; from < messages.size(); from += BATCH) {
                List<Message> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
                boolean rawFirst = (from / BATCH) % 2 == 0;
                if (rawFirst) {
                    rawNanos += rawIndex(rawWriter, batch);
                }
                long t = System.nanoTime();
                index.index(batch.stream().map(m -> IndexedMessage.of(m, List.of(), 0)).toList());
                index.flush();
                parleyNanos += System.nanoTime() - t;
                if (!rawFirst) {
                    rawNanos += rawIndex(rawWriter, batch);
                }
            }
            double parleyRate = messages.size() * 1e9 / parleyNanos;
            double rawRate = messages.size() * 1e9 / rawNanos;
            report.append(String.format(Locale.ROOT, "Search benchmark: %,d messages in %d private channels, the caller in %d; %d queries per kind%n",
                    MESSAGES, CHANNELS, MEMBER_OF, QUERIES));
            report.append(String.format(Locale.ROOT, "(seeded %,d messages into DynamoDB directly)%n%n", stored));
            report.append(String.format(Locale.ROOT, "indexing, batches of %d + commit: SearchIndex.index %,.0f msg/s, raw addDocument %,.0f msg/s, ratio %.2f%n%n",
                    BATCH, parleyRate, rawRate, parleyRate / rawRate));

            try (DirectoryReader reader = DirectoryReader.open(raw)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                URI graphql = graphqlUrl.toURI();
                report.append(String.format(Locale.ROOT, "%-10s %10s %10s %10s %10s %8s %8s%n", "query", "api p50", "api p99", "raw p50", "raw p99",
                        "p50 x", "p99 x"));
                for (String kind : List.of("term", "phrase", "filtered")) {
                    List<String[]> queries = new ArrayList<>();
                    for (int i = 0; i < QUERIES; i++) {
                        queries.add(query(kind, messages, channels, names, caller.userId()));
                    }
                    long[] api = new long[QUERIES];
                    long[] rawTimes = new long[QUERIES];
                    int hits = 0;
                    for (int i = 0; i < 20; i++) { // warm-up
                        apiSearch(graphql, caller, team.workspaceId(), queries.get(i)[0]);
                        rawSearch(searcher, queries.get(i)[1]);
                    }
                    for (int block = 0; block < 2; block++) {
                        int from = block * QUERIES / 2;
                        int to = (block + 1) * QUERIES / 2;
                        for (int i = from; i < to; i++) {
                            String text = queries.get(i)[1];
                            rawTimes[i] = time(() -> rawSearch(searcher, text));
                        }
                        for (int i = from; i < to; i++) {
                            long t = System.nanoTime();
                            hits += apiSearch(graphql, caller, team.workspaceId(), queries.get(i)[0]);
                            api[i] = System.nanoTime() - t;
                        }
                    }
                    java.util.Arrays.sort(api);
                    java.util.Arrays.sort(rawTimes);
                    double a50 = percentile(api, 50) / 1e6;
                    double a99 = percentile(api, 99) / 1e6;
                    double r50 = percentile(rawTimes, 50) / 1e6;
                    double r99 = percentile(rawTimes, 99) / 1e6;
                    report.append(String.format(Locale.ROOT, "%-10s %8.2fms %8.2fms %8.2fms %8.2fms %8.1f %8.1f   (%.1f hits/query shown)%n",
                            kind, a50, a99, r50, r99, a50 / r50, a99 / r99, hits / (double) QUERIES));
                }
            }
        }
        report.append("\nx = API latency / raw Lucene latency (raw: the same text query, top 20 and their stored fields, no filter).\n");
        Path out = Path.of("target/bench/search.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** {API query, raw query text}: a word, a phrase of two neighbouring words of a message, or a word in a channel by an author. */
    private String[] query(String kind, List<Message> messages, List<String> channels, List<String> names, String callerId) {
        Message m = messages.get(random.nextInt(messages.size()));
        String[] words = m.text().split(" ");
        int at = random.nextInt(words.length - 1);
        return switch (kind) {
            case "term" -> new String[] { words[at], words[at] };
            case "phrase" -> new String[] { "\"" + words[at] + " " + words[at + 1] + "\"", "\"" + words[at] + " " + words[at + 1] + "\"" };
            default -> {
                int channel = random.nextInt(MEMBER_OF);
                yield new String[] { words[at] + " in:#" + names.get(channel) + " from:<@" + callerId + ">", words[at] };
            }
        };
    }

    private int apiSearch(URI graphql, Accounts.Account caller, String workspaceId, String query) {
        try {
            String body = "{\"query\":" + json(SEARCH) + ",\"variables\":{\"w\":" + json(workspaceId) + ",\"q\":" + json(query) + "}}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + caller.accessToken())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                throw new AssertionError("search failed: " + response.body());
            }
            return response.body().split("\"cursor\"", -1).length - 1;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void rawSearch(IndexSearcher searcher, String text) {
        try {
            Query query = text.startsWith("\"") ? phrase(text.substring(1, text.length() - 1)) : terms(text);
            for (ScoreDoc doc : searcher.search(query, 20).scoreDocs) {
                searcher.storedFields().document(doc.doc);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Query terms(String text) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        tokens(text).forEach(t -> all.add(new TermQuery(new Term("text", t)), Occur.MUST));
        return all.build();
    }

    private Query phrase(String text) {
        return new PhraseQuery("text", tokens(text).toArray(String[]::new));
    }

    private List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = queryAnalyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static long rawIndex(IndexWriter writer, List<Message> batch) throws IOException {
        long t = System.nanoTime();
        for (Message m : batch) {
            Document doc = new Document();
            doc.add(new StringField("id", m.id(), Field.Store.YES));
            doc.add(new TextField("text", m.text(), Field.Store.YES));
            writer.addDocument(doc);
        }
        writer.commit();
        return System.nanoTime() - t;
    }

    /** Writes the messages straight into the Messages table, 25 to a batch, 8 threads. */
    private long store(List<Message> messages) throws Exception {
        String table = dynamo.name(Table.MESSAGES);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += 25) {
            List<Message> batch = messages.subList(from, Math.min(messages.size(), from + 25));
            done.add(pool.submit(() -> {
                Map<String, List<WriteRequest>> request = Map.of(table, batch.stream()
                        .map(m -> WriteRequest.builder().putRequest(PutRequest.builder().item(MessageItems.toItem(m)).build()).build()).toList());
                while (!request.isEmpty()) {
                    Map<String, List<WriteRequest>> pending = request;
                    var unprocessed = dynamo.client().batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
                    request = unprocessed == null ? Map.of() : unprocessed;
                }
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        return messages.size();
    }

    private static long time(Runnable work) {
        long t = System.nanoTime();
        work.run();
        return System.nanoTime() - t;
    }

    private String text() {
        int length = 8 + random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // Zipf-like: a few common words, a long tail.
            int rank = (int) Math.min(vocabulary.size() - 1, Math.floor(Math.pow(vocabulary.size(), random.nextDouble())));
            text.append(i == 0 ? "" : " ").append(vocabulary.get(rank));
        }
        return text.toString();
    }

    private static String word(int i) {
        String letters = "bcdfghjklmnpqrstvwxz";
        String vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int n = i + 7;
        while (w.length() < 6) {
            w.append(letters.charAt(n % letters.length())).append(vowels.charAt((n / 3) % vowels.length()));
            n = n / 5 + 11 * w.length();
        }
        return w.toString();
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
