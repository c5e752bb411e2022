package dev.parley.platform.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.SecondInstance;

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

        SecondInstance first = localRun(data);
        try {
            Accounts.Account ann = Accounts.register(GraphQLClient.anonymous().onPort(first.port()), email);
            general = generalChannel(ann.client().onPort(first.port()), ann.workspaceId());
            for (int i = 0; i < 3; i++) {
                stored.add(Messages.send(ann.client().onPort(first.port()), general, "kept " + i, null).string("sendMessage.id"));
            }
            servers = DataDirClaim.recorded(data);
            assertEquals(3, servers.size(), "DynamoDB Local, S3Proxy and Redis are recorded");
        } finally {
            first.kill();
        }
        for (ProcessHandle server : servers) {
            server.onExit().get(30, TimeUnit.SECONDS); // its watchdog saw the parent go
        }

        SecondInstance second = localRun(data);
        try {
            List<Long> running = DataDirClaimTest.serversOn(data).stream().filter(pid -> pid != second.pid()).toList();
            assertEquals(3, running.size(), "one set of servers: " + running);
            assertEquals(running, DataDirClaim.recorded(data).stream().map(ProcessHandle::pid).sorted().toList());

            GraphQLClient login = GraphQLClient.anonymous().onPort(second.port());
            String token = login.execute("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
                    Map.of("e", email, "p", Accounts.PASSWORD)).string("login.accessToken");
            List<String> history = GraphQLClient.withToken(token).onPort(second.port())
                    .execute("query($c: ID!) { messages(channelId: $c, first: 50) { nodes { id } } }", Map.of("c", general))
                    .json().getList("data.messages.nodes.id");
            assertTrue(history.containsAll(stored), "stored " + stored + ", found " + history);
        } finally {
            second.close();
        }
    }

    private static String generalChannel(GraphQLClient client, String workspaceId) {
        List<Map<String, String>> channels = client.execute("query($w: ID!) { channels(workspaceId: $w, first: 10) { nodes { id name } } }",
                Map.of("w", workspaceId)).json().getList("data.channels.nodes");
        return channels.stream().filter(c -> c.get("name").equals("general")).findFirst().orElseThrow().get("id");
    }

    /** The packaged app with its own local stack on {@code data}, as bin/run-local starts it. */
    private static SecondInstance localRun(Path data) throws Exception {
        return SecondInstance.launch(Map.of("quarkus.profile", "prod,local", "local-stack.enabled", "true",
                "local-stack.data-dir", data.toString()));
    }
}
