package dev.parley.bench;

import static dev.parley.bench.BenchFigures.percentile;
import static dev.parley.bench.BenchFigures.requestCalls;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.channel.ChannelStore;
import dev.parley.channel.UnreadCounts;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.RawSendItems;
import dev.parley.message.MessageStore;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import dev.parley.workspace.WorkspaceStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.parley.testing.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Messaging benchmark: sendMessage throughput and history-page latency through the real GraphQL API
 * over HTTP, each next to raw DynamoDB baselines (PutItem; TransactWriteItems of the very items a send
 * writes; Query) measured in the same run against the same DynamoDB Local; sendMessage into channels
 * of different sizes; and a busy channel (senders and readers marking read at once). Prints ratios and
 * counts, never asserts on time: run it with {@code bench/run-messaging} (tagged "bench", so the normal
 * test suite leaves it out). See bench/README.md.
 *
 * <p>Sizes can be changed with system properties: {@code bench.sends} (measured sends per concurrency
 * level, default 500), {@code bench.reads} (measured history reads, default 300), {@code bench.warmup}
 * (default 100), {@code bench.clients} (comma-separated concurrency levels, default "1,8"),
 * {@code bench.sizes} (channel sizes, default "1,51,1000"), {@code bench.hot.senders},
 * {@code bench.hot.readers} (default 32 each), {@code bench.hot.sends} (messages per sender, default 10),
 * {@code bench.hot.pods} (comma-separated pod counts, default "1,2": 2 starts the packaged app as a
 * second pod, so bench/run-messaging packages it first) and {@code bench.parts} (default
 * "send,history,sizes,hot").
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Tag("bench")
class MessagingBenchmark {

    private static final String HISTORY = "query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id text author { id } } } }";
    private static final int PAGE = 50;
    /** Alternating blocks (baseline, API, baseline, API, …) so drift on a shared machine hits both sides alike. */
    private static final int ROUNDS = 2;

    private static final int SENDS = Integer.getInteger("bench.sends", 500);
    private static final int READS = Integer.getInteger("bench.reads", 300);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    private static final int[] CLIENTS = ints("bench.clients", "1,8");
    private static final int[] SIZES = ints("bench.sizes", "1,51,1000");
    private static final int HOT_SENDERS = Integer.getInteger("bench.hot.senders", 32);
    private static final int HOT_READERS = Integer.getInteger("bench.hot.readers", 32);
    private static final int HOT_SENDS = Integer.getInteger("bench.hot.sends", 10);
    /** Sends a group commit takes at most (GroupCommit.MAX_GROUP), and the raw group transactions timed for the ceiling. */
    private static final int GROUP_LIMIT = 16;
    private static final int RAW_GROUPS = 30;
    private static final int[] HOT_PODS = ints("bench.hot.pods", "1,2");
    private static final Set<String> PARTS = Set.of(System.getProperty("bench.parts", "send,history,sizes,hot").split(","));

    @Inject
    Dynamo dynamo;
    @Inject
    MessageStore messages;
    @Inject
    WorkspaceStore workspaces;
    @Inject
    UnreadCounts counts;
    @Inject
    ChannelEventLog log;
    @Inject
    ChannelEventReads reads;
    @Inject
    ChannelStore channelStore;
    @Inject
    ParleyConfig config;

    @TestHTTPResource("/graphql")
    URL graphqlUrl;

    private BenchClient client;
    private DynamoDbClient db;

    @Test
    void messaging() throws Exception {
        client = new BenchClient(graphqlUrl.toURI());
        db = dynamo.client();
        int maxClients = Arrays.stream(CLIENTS).max().orElse(1);

        Accounts.Account owner = Accounts.register();
        String general = WorkspaceOps.channelId(owner, owner.workspaceId(), "general");
        // Every client of a run posts into its own channel, as the baselines write their own partitions:
        // all sides measure parallel capacity, not contention on one channel.
        List<String> channels = new ArrayList<>(List.of(general));
        List<String> rawChannels = new ArrayList<>();
        for (int i = 0; i < maxClients; i++) {
            if (i > 0) {
                channels.add(Teams.channel(owner, owner.workspaceId(), Teams.channelName("bench"), false));
            }
            rawChannels.add(Teams.channel(owner, owner.workspaceId(), Teams.channelName("raw"), false));
        }
        String baselineTable = "parley-bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
        createBaselineTable(baselineTable);
        try {
            Report report = new Report();
            for (int clients : PARTS.contains("send") ? CLIENTS : new int[0]) {
                BenchClient.Operation api = c -> client.post(owner.accessToken(), BenchClient.sendBody(channels.get(c)));
                RawPut put = new RawPut(baselineTable, owner.userId());
                BenchClient.Operation transact = rawTransact(owner, rawChannels.subList(0, clients));
                BenchClient.runConcurrent(clients, WARMUP, put);
                BenchClient.runConcurrent(clients, WARMUP, transact);
                BenchClient.runConcurrent(clients, WARMUP, api);
                long putNanos = 0, transactNanos = 0, apiNanos = 0;
                int perRound = Math.max(1, SENDS / ROUNDS);
                for (int round = 0; round < ROUNDS; round++) {
                    putNanos += BenchClient.runConcurrent(clients, perRound, put);
                    transactNanos += BenchClient.runConcurrent(clients, perRound, transact);
                    Map<String, Long> before = requestCalls();
                    apiNanos += BenchClient.runConcurrent(clients, perRound, api);
                    report.sendCalls.add(before, requestCalls());
                }
                int measured = perRound * ROUNDS;
                report.sendCalls.ops += measured;
                report.send(clients, measured * 1e9 / apiNanos, measured * 1e9 / transactNanos, measured * 1e9 / putNanos);
            }
            if (PARTS.contains("history")) {
                history(owner, general, report);
            }
            if (PARTS.contains("sizes")) {
                report.sizes = ChannelSizes.format(new ChannelSizes(client, dynamo, channelStore, log)
                        .run(owner, SIZES, SENDS / 2, Math.max(10, WARMUP / 5), ROUNDS));
            }
            if (PARTS.contains("hot")) {
                for (int pods : HOT_PODS) {
                    report.hot.addAll(hotChannel(pods));
                }
            }
            report.print();
        } finally {
            db.deleteTable(b -> b.tableName(baselineTable));
        }
    }

    /** The newest 50 of a channel with at least warmup + sends messages in it, through the API and as one raw Query. */
    private void history(Accounts.Account owner, String general, Report report) {
        String token = owner.accessToken();
        String messagesTable = dynamo.name(Table.MESSAGES);
        int stored = db.query(b -> b.tableName(messagesTable).keyConditionExpression("channelId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(general))).limit(PAGE)).count();
        for (int i = stored; i < PAGE; i++) {
            client.post(token, BenchClient.sendBody(general));
        }
        String historyBody = BenchClient.body(HISTORY, "{\"c\":\"" + general + "\"}");
        int nodes = JsonPath.from(client.post(token, historyBody)).getList("data.messages.nodes").size();
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
        Runnable apiQuery = () -> client.post(token, historyBody);
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
            BenchClient.time(rawQuery, rawLatency, from, to);
            Map<String, Long> before = requestCalls();
            BenchClient.time(apiQuery, apiLatency, from, to);
            report.historyCalls.add(before, requestCalls());
        }
        report.historyCalls.ops = READS;
        report.history(rawLatency, apiLatency);
    }

    /**
     * Senders and readers, each a person of their own, in the #general of a new workspace, on this
     * pod and, for two or more, on further instances of the packaged app (same stack and settings).
     */
    private List<String> hotChannel(int pods) throws Exception {
        Teams.Team team = Teams.withMembers(HOT_SENDERS + HOT_READERS - 1);
        List<Accounts.Account> people = new ArrayList<>(List.of(team.owner()));
        people.addAll(team.members());
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");
        List<SecondInstance> others = new ArrayList<>();
        try {
            List<BenchClient> clients = new ArrayList<>(List.of(client));
            for (int i = 1; i < pods; i++) {
                SecondInstance pod = SecondInstance.start(new BenchProfile().getConfigOverrides());
                others.add(pod);
                BenchClient other = new BenchClient(URI.create("http://localhost:" + pod.port() + "/graphql"));
                String warm = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("warm"), false);
                for (int w = 0; w < WARMUP; w++) {
                    other.post(team.owner().accessToken(), BenchClient.sendBody(warm)); // the new JVM's send path, warmed up
                }
                clients.add(other);
            }
            HotChannel.Result result = new HotChannel(clients, log, reads).run(general, people.subList(0, HOT_SENDERS),
                    people.subList(HOT_SENDERS, people.size()), HOT_SENDS);
            List<String> rows = new ArrayList<>(result.format());
            if (pods == 1) {
                rows.add(rawGroupCeiling(team, general, people.subList(0, HOT_SENDERS), result));
            }
            return rows;
        } finally {
            others.forEach(SecondInstance::close);
        }
    }

    // ---- baselines ----

    /**
     * The store's own ceiling for one channel: raw TransactWriteItems of a group commit's items (as many
     * sends as the run put in a transaction, by different senders), one after the other as the head
     * allows, so sends/s cannot exceed group size / transaction time on this store, whatever Parley does.
     */
    private String rawGroupCeiling(Teams.Team team, String channelId, List<Accounts.Account> senders, HotChannel.Result result) {
        int group = (int) Math.max(1, Math.min(Math.min(GROUP_LIMIT, senders.size()), Math.round(result.sendsPerTransaction())));
        List<String> authors = senders.subList(0, group).stream().map(Accounts.Account::userId).toList();
        RawSendItems items = new RawSendItems(dynamo, messages, workspaces, counts, log, config.events().retention(), team.workspaceId(),
                channelId, authors.get(0));
        long[] nanos = new long[RAW_GROUPS];
        for (int i = -5; i < RAW_GROUPS; i++) { // 5 warm-up
            List<TransactWriteItem> writes = items.group(authors, BenchClient.TEXT);
            long started = System.nanoTime();
            db.transactWriteItems(b -> b.transactItems(writes));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        double p50 = BenchFigures.percentile(nanos, 50) / 1e6;
        double ceiling = group * 1000.0 / p50;
        return String.format(Locale.ROOT, "  store ceiling: raw TransactWriteItems of a %d-send group (%d items), one at a time: p50 %.0f ms"
                + " = %.1f sends/s; 1 pod reached %.2f of it", group, items.group(authors, BenchClient.TEXT).size(), p50, ceiling,
                result.sent() / result.seconds() / ceiling);
    }

    /** TransactWriteItems of the items a send writes; client k posts into channel k, the head kept by the client. */
    private BenchClient.Operation rawTransact(Accounts.Account owner, List<String> channelIds) {
        List<RawSendItems> items = channelIds.stream().map(channelId -> new RawSendItems(dynamo, messages, workspaces, counts, log,
                config.events().retention(), owner.workspaceId(), channelId, owner.userId())).toList();
        return c -> {
            List<TransactWriteItem> writes = items.get(c).next(BenchClient.TEXT);
            db.transactWriteItems(b -> b.transactItems(writes));
        };
    }

    /** PutItem of an item shaped like Parley's message item; client k writes partition k. */
    private final class RawPut implements BenchClient.Operation {
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
                    "text", AttributeValue.fromS(BenchClient.TEXT),
                    "createdAt", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                    "clientMessageId", AttributeValue.fromS(UUID.randomUUID().toString()),
                    "deleted", AttributeValue.fromBool(false))));
        }
    }

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

    private static int[] ints(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    // ---- report ----

    private static final class Report {
        private final List<String> sendRows = new ArrayList<>();
        private final List<String> historyRows = new ArrayList<>();
        final BenchFigures.CallCount sendCalls = new BenchFigures.CallCount();
        final BenchFigures.CallCount historyCalls = new BenchFigures.CallCount();
        List<String> sizes = List.of();
        final List<String> hot = new ArrayList<>();

        void send(int clients, double apiPerSecond, double transactPerSecond, double putPerSecond) {
            sendRows.add(String.format(Locale.ROOT, "  %2d client%s  %8.1f msg/s  %8.1f tx/s  %8.1f items/s  %7.3f  %7.3f",
                    clients, clients == 1 ? " " : "s", apiPerSecond, transactPerSecond, putPerSecond, apiPerSecond / transactPerSecond,
                    apiPerSecond / putPerSecond));
        }

        void history(long[] raw, long[] api) {
            long[] rawSorted = raw.clone();
            long[] apiSorted = api.clone();
            Arrays.sort(rawSorted);
            Arrays.sort(apiSorted);
            for (double p : new double[] { 50, 99 }) {
                double apiMs = percentile(apiSorted, p) / 1e6;
                double rawMs = percentile(rawSorted, p) / 1e6;
                historyRows.add(String.format(Locale.ROOT, "  p%-3.0f      %9.2f ms  %11.2f ms  %8.2f", p, apiMs, rawMs, apiMs / rawMs));
            }
        }

        void print() throws IOException {
            StringBuilder out = new StringBuilder();
            out.append("Parley messaging benchmark  ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append("  (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                    .append(System.getProperty("java.version")).append(")\n");
            out.append("Absolute numbers are for this machine and this run only; compare the ratios.\n\n");
            out.append("1. sendMessage over GraphQL/HTTP vs raw DynamoDB TransactWriteItems of the same items, and PutItem of a message\n");
            out.append(String.format(Locale.ROOT, "   %d measured operations per row after %d warm-up; each client its own channel/partition\n",
                    SENDS / ROUNDS * ROUNDS, WARMUP));
            out.append("  clients      sendMessage   TransactWriteItems  PutItem   send/Tx  send/Put\n");
            sendRows.forEach(row -> out.append(row).append('\n'));
            out.append("   DynamoDB calls per sendMessage (server request threads): ").append(sendCalls.perOperation()).append('\n');
            out.append('\n');
            out.append("2. History page messages(channelId, first: 50) over GraphQL/HTTP vs raw DynamoDB Query of 50 items\n");
            out.append(String.format(Locale.ROOT, "   same channel partition, 1 client, %d measured reads each after %d warm-up\n", READS, WARMUP));
            out.append("  percentile  messages(50)    raw Query   ratio messages/Query\n");
            historyRows.forEach(row -> out.append(row).append('\n'));
            out.append("   DynamoDB calls per messages(first: 50) (server request threads): ").append(historyCalls.perOperation()).append('\n');
            out.append('\n');
            out.append("3. sendMessage, 1 client, into channels of different sizes (alternating blocks)\n");
            out.append("  members  sendMessage   vs first  calls/send (server request threads)\n");
            sizes.forEach(row -> out.append(row).append('\n'));
            out.append('\n');
            out.append("4. A hot channel: senders posting while readers mark read up to the newest message, again and again\n");
            hot.forEach(row -> out.append(row).append('\n'));
            BenchFigures.publish("messaging.txt", out.toString());
        }
    }
}
