package dev.parley.auth;

import static dev.parley.auth.SessionTest.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.RawRedis;
import dev.parley.testing.Sessions;
import dev.parley.testing.SocketClient;
import io.quarkus.test.junit.QuarkusTest;

/** Signed-out tokens are refused without asking Redis per request, including sign-outs this pod heard nothing of. */
@QuarkusTest
class SignOutTest {

    /** What pods send whatever the requests do: scripts (presence), their notices, probes, new connections' handshakes. */
    private static final Set<String> BACKGROUND = Set.of("\"evalsha\"", "\"eval\"", "\"publish\"", "\"ping\"", "\"hello\"",
            "\"select\"", "\"client\"");

    @Test
    void checkingATokenCostsNoRedisCall() {
        Accounts.Account account = Accounts.register();
        assertEquals(account.userId(), account.client().execute(ME).string("me.id"));
        RawRedis.Monitor monitor = RawRedis.monitor();
        for (int i = 0; i < 50; i++) {
            assertEquals(account.userId(), account.client().execute(ME).string("me.id"));
        }
        List<String> commands = monitor.stop().stream()
                .filter(line -> !line.contains("[0 lua]"))
                .filter(line -> BACKGROUND.stream().noneMatch(line.toLowerCase(Locale.ROOT)::contains))
                .toList();
        assertEquals(List.of(), commands, "Redis commands during 50 authenticated requests");
    }

    @Test
    void aSignOutThisPodHeardNothingOfIsRefusedOnceItIsBackOnTheTopic() {
        Accounts.Account account = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(account.accessToken())) {
            // Another pod signs the session out while this pod's pub/sub connection is down: the key is
            // written (in the same write as the kill, so before this pod can reconnect), the notice is lost.
            RawRedis.pipeline(new String[] { "CLIENT", "KILL", "TYPE", "pubsub" },
                    new String[] { "SET", "auth:revoked-sid:" + Sessions.sessionIdOf(account.accessToken()), "revoked", "PX", "60000" });

            assertEquals(4403, socket.awaitClose().code(), "the session's socket is closed once the pod caught up");
            assertEquals("UNAUTHENTICATED", account.client().execute(ME).errorCode());
        }
    }
}
