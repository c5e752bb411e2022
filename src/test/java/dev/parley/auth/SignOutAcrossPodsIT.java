package dev.parley.auth;

import static dev.parley.auth.SessionTest.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.SocketClient;
import dev.parley.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** A logout on one pod is refused on the other within moments: its sockets close, its token stops working. */
@QuarkusIntegrationTest
class SignOutAcrossPodsIT {

    @Test
    void aLogoutThroughInstanceBIsRefusedOnInstanceA() throws Exception {
        Accounts.Account account = Accounts.register(); // through instance A, the one under test
        try (SecondInstance b = SecondInstance.start(); SocketClient onA = SocketClient.connect().signIn(account.accessToken())) {
            assertEquals(account.userId(), account.client().execute(ME).string("me.id"));
            assertEquals(account.userId(), account.client().onPort(b.port()).execute(ME).string("me.id"));

            long start = System.nanoTime();
            assertEquals(Boolean.TRUE, account.client().onPort(b.port()).execute("mutation { logout }").data("logout"));
            assertEquals("UNAUTHENTICATED", account.client().onPort(b.port()).execute(ME).errorCode(), "at once on B");
            assertEquals(4403, onA.awaitClose().code(), "A closes the session's socket");
            while (account.client().execute(ME).errorCode() == null) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "A still accepts the token");
                TopicRecorder.sleep(Duration.ofMillis(50));
            }
        }
    }
}
