package dev.parley.bench;

import static dev.parley.bench.BenchFigures.percentile;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.platform.localstack.LocalStack;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Footprint: time from launch to the first successful GraphQL answer and resident memory (idle,
 * with subscribed sockets, after a messaging load) of the packaged app, next to a bare Quarkus REST
 * hello app built the same way (bench/hello) measured in the same run. Both run as processes of
 * their own with the local stack already up (this test's); the native executable too when
 * {@code target/*-runner} exists. Run it with {@code bench/run-startup}; it asserts nothing about
 * time or size, and fails only when something does not work.
 */
@QuarkusTest
@Tag("bench")
class StartupBenchmark {

    private static final int LAUNCHES = Integer.getInteger("bench.startup.launches", 3);
    private static final int SOCKETS = Integer.getInteger("bench.startup.sockets", 1000);
    private static final int PEOPLE = Integer.getInteger("bench.startup.people", 20);
    private static final int SENDS = Integer.getInteger("bench.startup.sends", 500);
    private static final int READS = Integer.getInteger("bench.startup.reads", 300);
    private static final int CLIENTS = 8;
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final String EVENTS = "subscription { events { cursor type message { id } } }";
    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }";
    private static final String HISTORY = "query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id text author { id } } } }";
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final Path PROJECT = LocalStack.findProjectDir();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void footprint() throws Exception {
        List<String> report = new ArrayList<>();
        report.add("Parley startup and footprint benchmark  " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "  (" + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version") + ")");
        report.add("Each app is its own process on the already running local stack; absolute numbers are for this machine and run only.");
        report.add("");
        report.add(String.format(Locale.ROOT, "  %-34s %14s %14s %12s %14s %14s", "app", "started in", "first answer",
                "RSS idle", "RSS sockets", "RSS loaded"));

        Teams.Team team = Teams.withMembers(PEOPLE - 1);
        List<Accounts.Account> people = new ArrayList<>(team.members());
        people.add(team.owner());
        String general = WorkspaceOps.channelId(team.owner(), team.workspaceId(), "general");

        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        report.add(measure("Parley, JVM (target/quarkus-app)", parleyCommand(java, "-jar",
                PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString()), people, general));
        try (var runners = Files.newDirectoryStream(PROJECT.resolve("target"), "*-runner")) {
            for (Path runner : runners) {
                report.add(measure("Parley, native (" + runner.getFileName() + ")", parleyCommand(List.of(runner.toString())), people, general));
            }
        }
        report.add(measure("hello baseline, JVM (bench/hello)", port -> List.of(java.get(0), "-Dquarkus.http.port=" + port, "-jar",
                PROJECT.resolve("bench/hello/target/quarkus-app/quarkus-run.jar").toString()), null, null));
        report.add("");
        report.add("started in: Quarkus's own figure from its log (median of " + LAUNCHES + " launches); first answer: launch until the first");
        report.add("successful GraphQL request (hello: GET /hello), median. RSS (/proc/<pid>/status) after " + IDLE.toSeconds()
                + " s idle; with " + SOCKETS + " subscribed sockets");
        report.add("(" + PEOPLE + " people, each socket signed in, subscribed and delivered a message); after " + SENDS + " sendMessage and "
                + READS + " history pages from " + CLIENTS + " clients (hello: as many GET /hello).");
        Path out = PROJECT.resolve("target/bench/startup.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
    }

    private interface Command {
        List<String> at(int port);
    }

    /** Parley as production runs it (profile prod), pointed at this test's local stack. */
    private static Command parleyCommand(List<String> launcher, String... rest) {
        return port -> {
            List<String> command = new ArrayList<>(launcher.subList(0, 1));
            command.add("-Dquarkus.profile=prod");
            command.add("-Dquarkus.shutdown.delay=0S"); // relaunches need no drain
            command.add("-Dquarkus.http.port=" + port);
            LocalStack.startedSettings().forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(launcher.subList(1, launcher.size()));
            command.addAll(List.of(rest));
            return command;
        };
    }

    private String measure(String name, Command command, List<Accounts.Account> people, String channelId) throws Exception {
        long[] startedMillis = new long[LAUNCHES];
        long[] answerMillis = new long[LAUNCHES];
        Launched last = null;
        for (int i = 0; i < LAUNCHES; i++) {
            if (last != null) {
                last.stop();
            }
            last = Launched.start(command, people == null ? "/hello" : "/graphql", http);
            startedMillis[i] = last.startedInMillis();
            answerMillis[i] = last.firstAnswerMillis;
        }
        try (Launched app = last) {
            Thread.sleep(IDLE.toMillis());
            long idle = app.rss();
            String sockets = "n/a";
            if (people != null) {
                try (SocketFleet fleet = SocketFleet.open(app.port, people, SOCKETS, channelId)) {
                    Thread.sleep(IDLE.toMillis());
                    sockets = mb(app.rss());
                }
            }
            load(app.port, people, channelId);
            Thread.sleep(IDLE.toMillis());
            return String.format(Locale.ROOT, "  %-34s %11d ms %11d ms %12s %14s %14s", name, median(startedMillis), median(answerMillis),
                    mb(idle), sockets, mb(app.rss()));
        }
    }

    /** The messaging benchmark's kind of load: sends and history pages from several clients (hello: GETs). */
    private void load(int port, List<Accounts.Account> people, String channelId) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < SENDS + READS; i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    if (people == null) {
                        return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello")).build());
                    }
                    String token = people.get(n % people.size()).accessToken();
                    String body = n < SENDS
                            ? new io.vertx.core.json.JsonObject(Map.of("query", SEND, "variables", Map.of("i", Map.of("channelId", channelId,
                                    "text", "load " + n, "clientMessageId", UUID.randomUUID().toString())))).encode()
                            : new io.vertx.core.json.JsonObject(Map.of("query", HISTORY, "variables", Map.of("c", channelId))).encode();
                    return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                }));
            }
            for (Future<?> done : work) {
                done.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private String call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("request failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1_048_576.0);
    }

    /** An app launched as a process, timed from launch to its first successful answer. */
    private static final class Launched implements AutoCloseable {
        final Process process;
        final int port;
        final Path log;
        long firstAnswerMillis;

        private Launched(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Launched start(Command command, String path, HttpClient http) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("parley-startup", ".log");
            long launched = System.nanoTime();
            Process process = new ProcessBuilder(command.at(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Launched app = new Launched(process, port, log);
            HttpRequest probe = path.equals("/hello")
                    ? HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build()
                    : HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build();
            long deadline = launched + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        app.firstAnswerMillis = (System.nanoTime() - launched) / 1_000_000;
                        return app;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            app.close();
            throw new IllegalStateException("no answer from " + command.at(port) + ":\n" + Files.readString(log));
        }

        long startedInMillis() throws IOException {
            Matcher started = STARTED_IN.matcher(Files.readString(log));
            return started.find() ? Math.round(Double.parseDouble(started.group(1)) * 1000) : -1;
        }

        long rss() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + process.pid());
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** Sockets signed in and subscribed to {@code events}, each having received a message (so live). */
    private static final class SocketFleet implements AutoCloseable {
        private final List<SocketClient> sockets = new ArrayList<>();

        static SocketFleet open(int port, List<Accounts.Account> people, int size, String channelId) throws Exception {
            SocketFleet fleet = new SocketFleet();
            List<HttpClient> clients = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(), HttpClient.newHttpClient(),
                    HttpClient.newHttpClient());
            for (int i = 0; i < size; i++) {
                SocketClient socket = SocketClient.connect(clients.get(i % clients.size()), port, "graphql-transport-ws")
                        .signIn(people.get(i % people.size()).accessToken());
                socket.subscribe("e", EVENTS);
                fleet.sockets.add(socket);
            }
            // graphql-transport-ws does not acknowledge a subscribe: post until every socket has an event.
            CountDownLatch live = new CountDownLatch(size);
            for (SocketClient socket : fleet.sockets) {
                boolean[] counted = { false };
                socket.onEachMessage((at, text) -> {
                    if (!counted[0] && text.contains("\"next\"")) {
                        counted[0] = true;
                        live.countDown();
                    }
                });
            }
            for (int attempt = 0; attempt < 30 && !live.await(2, TimeUnit.SECONDS); attempt++) {
                Messages.post(people.get(0), channelId, "are you there?");
            }
            if (live.getCount() > 0) {
                fleet.close();
                throw new IllegalStateException(live.getCount() + " sockets never received an event");
            }
            return fleet;
        }

        @Override
        public void close() {
            sockets.forEach(SocketClient::close);
        }
    }
}
