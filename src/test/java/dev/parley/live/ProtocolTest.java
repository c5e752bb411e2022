package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.SocketClient;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** The graphql-transport-ws protocol as the graphql-ws client expects it, close code by close code. */
@QuarkusTest
class ProtocolTest {

    @Test
    void aQueryOverTheSocketAnswersNextThenComplete() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("q1", "{ me { id } }");
            JsonPath next = socket.nextOf("next");
            assertEquals("q1", next.getString("id"));
            assertEquals(ann.userId(), next.getString("payload.data.me.id"));
            assertEquals("q1", socket.nextOf("complete").getString("id"));
        }
    }

    @Test
    void noInitWithinTheTimeoutCloses4408() {
        try (SocketClient socket = SocketClient.connect()) {
            assertEquals(4408, socket.awaitClose().code());
        }
    }

    @Test
    void subscribeBeforeAckCloses4401() {
        try (SocketClient socket = SocketClient.connect()) {
            socket.subscribe("s1", "{ me { id } }");
            assertEquals(4401, socket.awaitClose().code());
        }
    }

    @Test
    void aBadOrMissingTokenCloses4403() {
        try (SocketClient socket = SocketClient.connect()) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not-a-token")));
            assertEquals(4403, socket.awaitClose().code());
        }
        try (SocketClient socket = SocketClient.connect()) {
            socket.send(Map.of("type", "connection_init"));
            assertEquals(4403, socket.awaitClose().code());
        }
    }

    @Test
    void theTokenKeyMatchesInAnyCase() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect()) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("authorization", "Bearer " + ann.accessToken())));
            assertEquals("connection_ack", socket.next().getString("type"));
        }
    }

    @Test
    void aSecondInitCloses4429() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + ann.accessToken())));
            assertEquals(4429, socket.awaitClose().code());
        }
    }

    @Test
    void aSecondOperationWithAnIdInUseCloses4409() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("same", "subscription { events { type } }");
            socket.subscribe("same", "subscription { events { type } }");
            assertEquals(4409, socket.awaitClose().code());
        }
    }

    @Test
    void garbageCloses4400() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.sendText("{not json");
            assertEquals(4400, socket.awaitClose().code());
        }
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.send(Map.of("type", "shout"));
            assertEquals(4400, socket.awaitClose().code());
        }
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.send(Map.of("type", "subscribe", "id", "x"));
            assertEquals(4400, socket.awaitClose().code());
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.nextOf("pong").getString("type"));
        }
    }

    @Test
    void aValidationErrorAnswersAnErrorMessage() {
        Accounts.Account ann = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("bad", "{ noSuchField }");
            JsonPath error = socket.nextOf("error");
            assertEquals("bad", error.getString("id"));
            assertTrue(error.getList("payload").size() > 0);
            socket.send(Map.of("type", "ping"));
            socket.assertNextIs("pong, nothing after the error", message -> "pong".equals(message.getString("type")));
        }
    }

    @Test
    void otherSubprotocolsAreRefused() {
        try (SocketClient socket = SocketClient.connect(SocketClient.testPort(), "graphql-ws")) {
            assertEquals(4406, socket.awaitClose().code());
        } catch (java.util.concurrent.CompletionException refusedAtHandshake) {
            // the server may also refuse the handshake outright: either way no legacy protocol
        }
    }
}
