package dev.parley.platform.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;

/**
 * The packaged app run as bin/run-local runs it (its own local stack, data kept) dies by
 * {@code kill -9}: its DynamoDB Local, S3Proxy and Redis exit with it, and the next start on the
 * same data runs one set of servers and has every message it had stored.
 */
class LocalStackCrashIT {

    private static final Path PROJECT = LocalStack.findProjectDir();

    @Test
    void afterKillDashNineTheNextStartRunsOneSetOfServersWithEverythingStored() throws Exception {
        Path data = Files.createTempDirectory(PROJECT.resolve("target"), "crash-data-");
        List<String> stored = new ArrayList<>();
        String email = Accounts.uniqueEmail();
        String general;
        List<ProcessHandle> servers;

        LocalRun first = LocalRun.start(data);
        try {
            Accounts.Account ann = Accounts.register(GraphQLClient.anonymous().onPort(first.port), email);
            general = generalChannel(ann.client().onPort(first.port), ann.workspaceId());
            for (int i = 0; i < 3; i++) {
                stored.add(Messages.send(ann.client().onPort(first.port), general, "kept " + i, null).string("sendMessage.id"));
            }
            servers = DataDirClaim.recorded(data);
            assertEquals(3, servers.size(), "DynamoDB Local, S3Proxy and Redis are recorded");
        } finally {
            first.kill();
        }
        for (ProcessHandle server : servers) {
            server.onExit().get(30, TimeUnit.SECONDS); // its watchdog saw the parent go
        }

        LocalRun second = LocalRun.start(data);
        try {
            List<Long> running = DataDirClaimTest.serversOn(data).stream().filter(pid -> pid != second.process.pid()).toList();
            assertEquals(3, running.size(), "one set of servers: " + running);
            assertEquals(running, DataDirClaim.recorded(data).stream().map(ProcessHandle::pid).sorted().toList());

            GraphQLClient login = GraphQLClient.anonymous().onPort(second.port);
            String token = login.execute("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
                    Map.of("e", email, "p", Accounts.PASSWORD)).string("login.accessToken");
            List<String> history = GraphQLClient.withToken(token).onPort(second.port)
                    .execute("query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id } } }", Map.of("c", general))
                    .json().getList("data.messages.nodes.id");
            assertTrue(history.containsAll(stored), "stored " + stored + ", found " + history);
        } finally {
            second.stop();
        }
    }

    private static String generalChannel(GraphQLClient client, String workspaceId) {
        List<Map<String, String>> channels = client.execute("query($w: ID!) { channels(workspaceId: $w, first: 10) { nodes { id name } } }",
                Map.of("w", workspaceId)).json().getList("data.channels.nodes");
        return channels.stream().filter(c -> c.get("name").equals("general")).findFirst().orElseThrow().get("id");
    }

    /** The packaged app with its own local stack on {@code data}, as bin/run-local starts it. */
    private static final class LocalRun {
        final Process process;
        final int port;

        private LocalRun(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static LocalRun start(Path data) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = data.resolve("app-" + port + ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.profile=prod,local", "-Dlocal-stack.enabled=true", "-Dlocal-stack.data-dir=" + data,
                    "-Dquarkus.http.port=" + port, "-jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString())
                    .directory(PROJECT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalRun run = new LocalRun(process, port);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return run;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            run.kill();
            throw new AssertionError("the local run did not become ready:\n" + Files.readString(log));
        }

        /** SIGKILL: no shutdown hook runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
