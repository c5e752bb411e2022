package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import dev.parley.testing.JsonPath;

/**
 * Two pods on one DynamoDB, Redis and S3; the one a client is subscribed to gets SIGTERM while
 * messages keep arriving through the other. The drained pod turns unready, refuses new sockets,
 * tells its client to reconnect (1012), still finishes a mutation, and exits within the grace
 * period; the client resumes on the other pod with every message exactly once, in order.
 */
@QuarkusIntegrationTest
class DrainIT {

    /** Shorter than production's 5 s; long enough to look at the pod while it drains. */
    private static final String SHUTDOWN_DELAY = "3S";
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);
    private static final int MESSAGES = 30;

    @Test
    void aSubscriberOfATerminatedPodResumesOnTheOtherWithNothingLostOrRepeated() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ann, team.workspaceId(), "random");

        try (SecondInstance b = SecondInstance.start(Map.of("quarkus.shutdown.delay", SHUTDOWN_DELAY));
                SocketClient onB = SocketClient.connect(b.port(), "graphql-transport-ws").signIn(bob.accessToken())) {
            onB.subscribe("e", SubscriptionTest.EVENTS);
            onB.awaitLive(() -> Messages.post(ann, general, "probe"), "e");

            // Ann keeps posting into #general through the instance under test (pod A).
            List<String> sent = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    sent.add(Messages.post(ann, general, "message " + i));
                    pause(100);
                }
            });
            List<JsonPath> received = new ArrayList<>();
            while (received.size() < 5) {
                received.add(onB.nextOf("next"));
            }

            CompletableFuture<Duration> exited = b.terminate();
            // At once, give or take the signal reaching the JVM (on a loaded machine its shutdown starts a moment later).
            long signalled = System.nanoTime();
            while (readiness(b.port()).statusCode() != 503 && System.nanoTime() - signalled < 3_000_000_000L) {
                pause(20);
            }
            assertEquals(503, readiness(b.port()).statusCode(), "unready at once");
            assertTrue(readiness(b.port()).body().contains("Graceful Shutdown"));
            SocketClient.Closed closed = onB.awaitClose();
            assertEquals(1012, closed.code(), closed.toString());
            received.addAll(onB.drain(Duration.ofMillis(300))); // what arrived before the close
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> SocketClient.connect(b.port(), "graphql-transport-ws"), "no new sockets while draining");
            assertTrue(refused.getCause() instanceof WebSocketHandshakeException handshake
                    && handshake.getResponse().statusCode() == 503, String.valueOf(refused.getCause()));
            // A mutation that reaches the draining pod is still carried out.
            String duringDrain = Messages.send(GraphQLClient.withToken(ann.accessToken()).onPort(b.port()), random,
                    "sent through the draining pod", null).string("sendMessage.id");

            List<String> randomHistory = ann.client().execute("query($c: ID!) { messages(channelId: $c, first: 5) { nodes { id } } }",
                    Map.of("c", random)).json().getList("data.messages.nodes.id");
            assertEquals(List.of(duringDrain), randomHistory, "stored");

            Duration exitTime = exited.get(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);
            assertTrue(exitTime.compareTo(GRACE_PERIOD) < 0, "exited in " + exitTime);

            String lastCursor = received.get(received.size() - 1).getString("payload.data.events.cursor");
            try (SocketClient onA = SocketClient.connect().signIn(bob.accessToken())) {
                onA.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", lastCursor));
                sending.join();
                received.addAll(SubscriptionTest.nextEvents(onA, MESSAGES - received.size()));

                assertEquals(sent, messageIds(received, general), "every #general message once, in order");
                String sentinel = Messages.post(ann, general, "sentinel");
                assertEquals(sentinel, onA.nextOf("next").getString("payload.data.events.message.id"), "nothing else came first");
            }
        }
    }

    private static List<String> messageIds(List<JsonPath> events, String channelId) {
        return events.stream().filter(event -> channelId.equals(event.getString("payload.data.events.channelId")))
                .map(event -> event.getString("payload.data.events.message.id")).toList();
    }

    private static HttpResponse<String> readiness(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
