package dev.parley.bench;

import static dev.parley.bench.BenchFigures.dynamoCalls;
import static dev.parley.bench.BenchFigures.percentile;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Messaging benchmark: sendMessage throughput and history-page latency through the real GraphQL API
 * over HTTP, each next to a raw DynamoDB baseline (PutItem, Query) measured in the same run against
 * the same DynamoDB Local. Prints ratios, never asserts on time: run it with {@code bench/run-messaging}
 * (tagged "bench", so the normal test suite leaves it out). See bench/README.md.
 *
 * <p>Sizes can be changed with system properties: {@code bench.sends} (measured sends per concurrency
 * level, default 500), {@code bench.reads} (measured history reads, default 300), {@code bench.warmup}
 * (default 100) and {@code bench.clients} (comma-separated concurrency levels, default "1,8").
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Tag("bench")
class MessagingBenchmark {

    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }";
    private static final String HISTORY = "query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id text author { id } } } }";
    private static final int PAGE = 50;
    /** Alternating blocks (baseline, API, baseline, API, …) so drift on a shared machine hits both sides alike. */
    private static final int ROUNDS = 2;
    /** A message text of typical chat length; the baseline item carries the same text. */
    private static final String TEXT = "Benchmark message: the quick brown fox jumps over the lazy dog, then reads the channel history again.";

    private static final int SENDS = Integer.getInteger("bench.sends", 500);
    private static final int READS = Integer.getInteger("bench.reads", 300);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "1,8").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();

    @Inject
    Dynamo dynamo;

    @TestHTTPResource("/graphql")
    URL graphqlUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private URI graphql;
    private DynamoDbClient db;

    @Test
    void messaging() throws Exception {
        graphql = graphqlUrl.toURI();
        db = dynamo.client();
        int maxClients = Arrays.stream(CLIENTS).max().orElse(1);

        Accounts.Account owner = Accounts.register();
        String general = WorkspaceOps.channelId(owner, owner.workspaceId(), "general");
        // Every client of a run posts into its own channel, as the baseline writes its own partition:
        // both sides measure parallel capacity, not contention on one channel item.
        List<String> channels = new ArrayList<>(List.of(general));
        for (int i = 1; i < maxClients; i++) {
            channels.add(Teams.channel(owner, owner.workspaceId(), Teams.channelName("bench"), false));
        }
        String baselineTable = "parley-bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
        createBaselineTable(baselineTable);
        try {
            Report report = new Report();
            for (int clients : CLIENTS) {
                ApiSend api = new ApiSend(owner.accessToken(), channels.subList(0, clients));
                RawPut raw = new RawPut(baselineTable, owner.userId());
                runConcurrent(clients, WARMUP, raw);
                runConcurrent(clients, WARMUP, api);
                long rawNanos = 0;
                long apiNanos = 0;
                int perRound = Math.max(1, SENDS / ROUNDS);
                for (int round = 0; round < ROUNDS; round++) {
                    rawNanos += runConcurrent(clients, perRound, raw);
                    Map<String, Long> before = dynamoCalls();
                    apiNanos += runConcurrent(clients, perRound, api);
                    report.sendCalls.add(before, dynamoCalls());
                }
                int measured = perRound * ROUNDS;
                report.sendCalls.ops += measured;
                report.send(clients, measured * 1e9 / apiNanos, measured * 1e9 / rawNanos);
            }

            // History: the newest 50 of a channel with at least warmup + sends messages in it.
            String token = owner.accessToken();
            String messagesTable = dynamo.name(Table.MESSAGES);
            int stored = db.query(b -> b.tableName(messagesTable).keyConditionExpression("channelId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(general))).limit(PAGE)).count();
            ApiSend topUp = new ApiSend(token, List.of(general));
            for (int i = stored; i < PAGE; i++) {
                topUp.run(0);
            }
            String historyBody = body(HISTORY, "{\"c\":\"" + general + "\"}");
            int nodes = JsonPath.from(post(token, historyBody)).getList("data.messages.nodes").size();
            if (nodes != PAGE) {
                throw new IllegalStateException("history page has " + nodes + " messages, expected " + PAGE);
            }
            Runnable rawQuery = () -> {
                int count = db.query(b -> b.tableName(messagesTable).keyConditionExpression("channelId = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(general)))
                        .scanIndexForward(false).limit(PAGE)).count();
                if (count != PAGE) {
                    throw new IllegalStateException("raw query returned " + count + " items, expected " + PAGE);
                }
            };
            Runnable apiQuery = () -> post(token, historyBody);
            for (int i = 0; i < WARMUP; i++) {
                rawQuery.run();
                apiQuery.run();
            }
            long[] rawLatency = new long[READS];
            long[] apiLatency = new long[READS];
            int perRound = READS / ROUNDS;
            for (int round = 0; round < ROUNDS; round++) {
                int from = round * perRound;
                int to = round == ROUNDS - 1 ? READS : from + perRound;
                time(rawQuery, rawLatency, from, to);
                Map<String, Long> before = dynamoCalls();
                time(apiQuery, apiLatency, from, to);
                report.historyCalls.add(before, dynamoCalls());
            }
            report.historyCalls.ops = READS;
            report.history(READS, rawLatency, apiLatency);
            report.print();
        } finally {
            db.deleteTable(b -> b.tableName(baselineTable));
        }
    }

    // ---- workloads ----

    private interface Operation {
        /** One operation by client {@code client} (0-based); throws when it did not succeed. */
        void run(int client) throws Exception;
    }

    /** sendMessage over HTTP; client k posts into channel k. */
    private final class ApiSend implements Operation {
        private final String token;
        private final List<String> channels;

        ApiSend(String token, List<String> channels) {
            this.token = token;
            this.channels = channels;
        }

        @Override
        public void run(int client) {
            String variables = "{\"i\":{\"channelId\":\"" + channels.get(client) + "\",\"text\":\"" + TEXT
                    + "\",\"clientMessageId\":\"" + UUID.randomUUID() + "\"}}";
            post(token, body(SEND, variables));
        }
    }

    /** PutItem of an item shaped like Parley's message item; client k writes partition k. */
    private final class RawPut implements Operation {
        private final String table;
        private final String userId;

        RawPut(String table, String userId) {
            this.table = table;
            this.userId = userId;
        }

        @Override
        public void run(int client) {
            Instant now = Instant.now();
            db.putItem(b -> b.tableName(table).item(Map.of(
                    "channelId", AttributeValue.fromS("bench-channel-" + client),
                    "messageId", AttributeValue.fromS(Ids.newId(now)),
                    "userId", AttributeValue.fromS(userId),
                    "text", AttributeValue.fromS(TEXT),
                    "createdAt", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                    "clientMessageId", AttributeValue.fromS(UUID.randomUUID().toString()),
                    "deleted", AttributeValue.fromBool(false))));
        }
    }

    /** Runs {@code total} operations spread over {@code clients} threads; returns the wall time in nanoseconds. */
    private static long runConcurrent(int clients, int total, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            AtomicInteger remaining = new AtomicInteger(total);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        operation.run(client);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void time(Runnable operation, long[] into, int from, int to) {
        for (int i = from; i < to; i++) {
            long start = System.nanoTime();
            operation.run();
            into[i] = System.nanoTime() - start;
        }
    }

    // ---- HTTP ----

    private static String body(String query, String variablesJson) {
        return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"variables\":" + variablesJson + "}";
    }

    /** POSTs a GraphQL request as a client would; returns the body, or throws on an HTTP or GraphQL error. */
    private String post(String token, String body) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("GraphQL request failed (HTTP " + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }

    // ---- baseline table ----

    private void createBaselineTable(String table) {
        db.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("channelId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("messageId").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("channelId").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("messageId").keyType(KeyType.RANGE).build()));
        db.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    // ---- report ----

    private static final class Report {
        private final List<String> sendRows = new ArrayList<>();
        private final List<String> historyRows = new ArrayList<>();
        final BenchFigures.CallCount sendCalls = new BenchFigures.CallCount();
        final BenchFigures.CallCount historyCalls = new BenchFigures.CallCount();

        void send(int clients, double apiPerSecond, double rawPerSecond) {
            sendRows.add(String.format(Locale.ROOT, "  %2d client%s  %8.1f msg/s  %9.1f items/s  %8.3f",
                    clients, clients == 1 ? " " : "s", apiPerSecond, rawPerSecond, apiPerSecond / rawPerSecond));
        }

        void history(int reads, long[] raw, long[] api) {
            long[] rawSorted = raw.clone();
            long[] apiSorted = api.clone();
            Arrays.sort(rawSorted);
            Arrays.sort(apiSorted);
            for (double p : new double[] { 50, 99 }) {
                double apiMs = percentile(apiSorted, p) / 1e6;
                double rawMs = percentile(rawSorted, p) / 1e6;
                historyRows.add(String.format(Locale.ROOT, "  p%-3.0f      %9.2f ms  %11.2f ms  %8.2f",
                        p, apiMs, rawMs, apiMs / rawMs));
            }
        }

        void print() throws IOException {
            StringBuilder out = new StringBuilder();
            out.append("Parley messaging benchmark  ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append("  (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                    .append(System.getProperty("java.version")).append(")\n");
            out.append("Absolute numbers are for this machine and this run only; compare the ratios.\n\n");
            out.append("1. sendMessage over GraphQL/HTTP vs raw DynamoDB PutItem of a similar item (same DynamoDB Local)\n");
            out.append(String.format(Locale.ROOT, "   %d measured operations per row after %d warm-up; each client its own channel/partition\n",
                    SENDS / ROUNDS * ROUNDS, WARMUP));
            out.append("  clients      sendMessage        PutItem   ratio sendMessage/PutItem\n");
            sendRows.forEach(row -> out.append(row).append('\n'));
            out.append("   DynamoDB calls per sendMessage (server side, measured): ").append(sendCalls.perOperation()).append('\n');
            out.append('\n');
            out.append("2. History page messages(channelId, first: 50) over GraphQL/HTTP vs raw DynamoDB Query of 50 items\n");
            out.append(String.format(Locale.ROOT, "   same channel partition, 1 client, %d measured reads each after %d warm-up\n",
                    READS, WARMUP));
            out.append("  percentile  messages(50)    raw Query   ratio messages/Query\n");
            historyRows.forEach(row -> out.append(row).append('\n'));
            out.append("   DynamoDB calls per messages(first: 50) (server side, measured): ").append(historyCalls.perOperation()).append('\n');
            String text = out.toString();
            System.out.println("\n" + text);
            Path file = Path.of("target", "bench", "messaging.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
