package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.RepeatedTest;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/**
 * A whole pod's sockets come back at once: hundreds of sockets resume with their cursors while
 * messages keep coming into the channel they all follow, so resumers join the channel's shared feed
 * while it is reading and delivering for the others. Each must end with every message after its
 * cursor exactly once, in order. Repeated, since what it guards against is a race.
 */
@QuarkusTest
class ReconnectStormTest {

    private static final int PEOPLE = 5, SOCKETS_EACH = 40;

    @RepeatedTest(3)
    void hundredsOfSocketsResumingAtOnceEachGetEveryMessageExactlyOnce() throws Exception {
        Teams.Team team = Teams.withMembers(PEOPLE);
        Account ann = team.owner();
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        List<String> cursors = cursorsAfter(team, general);

        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int i = 0; sending.get(); i++) {
                sent.add(Messages.post(ann, general, "during the storm " + i));
                pause(60);
            }
        });
        List<HttpClient> clients = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient(), HttpClient.newHttpClient());
        ExecutorService connecting = Executors.newFixedThreadPool(24);
        List<SocketClient> sockets = new CopyOnWriteArrayList<>();
        try {
            List<CompletableFuture<Void>> resumed = new ArrayList<>();
            for (int person = 0; person < PEOPLE; person++) {
                Account who = team.member(person);
                String cursor = cursors.get(person);
                for (int s = 0; s < SOCKETS_EACH; s++) {
                    HttpClient http = clients.get((person * SOCKETS_EACH + s) % clients.size());
                    resumed.add(CompletableFuture.runAsync(() -> {
                        SocketClient socket = SocketClient.connect(http, SocketClient.testPort(), "graphql-transport-ws");
                        sockets.add(socket);
                        socket.signIn(who.accessToken()).subscribe("e", SubscriptionTest.EVENTS, Map.of("after", cursor));
                    }, connecting));
                }
            }
            CompletableFuture.allOf(resumed.toArray(CompletableFuture[]::new)).join();
            pause(500); // a few more messages while the last resumers replay
            sending.set(false);
            sender.join();
            String sentinel = Messages.post(ann, general, "after the storm");
            List<String> expected = new ArrayList<>(sent);
            expected.add(sentinel);

            int complete = 0;
            List<String> wrong = new ArrayList<>();
            for (SocketClient socket : sockets) {
                List<String> received = receivedUntil(socket, sentinel);
                if (received.equals(expected)) {
                    complete++;
                } else if (wrong.size() < 3) {
                    List<String> later = socket.drain(java.time.Duration.ofSeconds(2)).stream()
                            .map(m -> m.getString("payload.data.events.message.id")).toList();
                    wrong.add(describe(expected, received) + ", after the sentinel " + later);
                }
            }
            assertEquals(sockets.size(), complete, sockets.size() - complete + " of " + sockets.size()
                    + " sockets did not get every message exactly once, in order: " + wrong);
        } finally {
            sending.set(false);
            sockets.forEach(SocketClient::close);
            connecting.shutdownNow();
        }
    }

    /** Each member's cursor right after a message all of them received (one socket each), then all dropped. */
    private static List<String> cursorsAfter(Teams.Team team, String general) {
        List<SocketClient> first = new ArrayList<>();
        try {
            for (Account member : team.members()) {
                first.add(SocketClient.connect().signIn(member.accessToken()).subscribe("e", SubscriptionTest.EVENTS));
            }
            for (SocketClient socket : first) {
                socket.awaitLive(() -> Messages.post(team.owner(), general, "probe"), "e");
            }
            String last = Messages.post(team.owner(), general, "before the drop");
            return first.stream()
                    .map(socket -> socket.skipTo(SocketClient.nextWith("e", "events.message.id", last)).getString("payload.data.events.cursor"))
                    .toList();
        } finally {
            first.forEach(SocketClient::close);
        }
    }

    private static List<String> receivedUntil(SocketClient socket, String sentinel) {
        List<String> ids = new ArrayList<>();
        for (;;) {
            JsonPath message = socket.nextSkippingPings();
            if (!"next".equals(message.getString("type"))) {
                throw new AssertionError("expected events, got " + message.prettify());
            }
            String id = message.getString("payload.data.events.message.id");
            ids.add(id);
            if (sentinel.equals(id)) {
                return ids;
            }
        }
    }

    private static String describe(List<String> expected, List<String> received) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(received);
        long duplicates = received.size() - received.stream().distinct().count();
        return "missing " + missing.size() + " " + missing.stream().map(id -> "#" + expected.indexOf(id) + " of " + expected.size()).toList()
                + ", duplicates " + duplicates;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
