package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Sessions;
import dev.parley.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionTest {

    static final String REFRESH = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }";
    static final String ME = "{ me { id } }";

    @ConfigProperty(name = "parley.auth.refresh-grace")
    Duration grace;

    @ConfigProperty(name = "parley.auth.refresh-token-ttl")
    Duration refreshTtl;

    @Inject
    Sessions sessions;

    @Test
    void refreshRotatesTheTokenAndTheOldOneStopsWorking() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result rotated = refresh(account.refreshToken());
        String nextRefresh = rotated.string("refreshToken.refreshToken");
        assertNotEquals(account.refreshToken(), nextRefresh);
        assertEquals(account.userId(), rotated.string("refreshToken.user.id"));
        assertEquals(account.userId(), GraphQLClient.withToken(rotated.string("refreshToken.accessToken")).execute(ME).string("me.id"));

        // The next one rotates again: a healthy client can keep refreshing.
        refresh(nextRefresh).assertNoErrors();
    }

    @Test
    void twoTabsRefreshingWithOneTokenAtOnceGetTheSameNewTokenAndTheSessionLivesOn() throws Exception {
        Accounts.Account account = Accounts.register();
        int tabs = 4;
        CountDownLatch ready = new CountDownLatch(tabs);
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        List<GraphQLClient.Result> results = new ArrayList<>();
        try {
            List<Future<GraphQLClient.Result>> futures = new ArrayList<>();
            for (int i = 0; i < tabs; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return refresh(account.refreshToken());
                }));
            }
            for (Future<GraphQLClient.Result> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        String successor = results.get(0).string("refreshToken.refreshToken");
        for (GraphQLClient.Result result : results) {
            assertEquals(successor, result.string("refreshToken.refreshToken"), "every tab holds the same new refresh token");
            assertEquals(account.userId(), GraphQLClient.withToken(result.string("refreshToken.accessToken")).execute(ME).string("me.id"));
        }
        // The session lives on: the shared successor rotates as usual.
        refresh(successor).assertNoErrors();
    }

    @Test
    void aRetryWithinTheGraceWindowGetsTheSameNewToken() {
        Accounts.Account account = Accounts.register();
        String first = refresh(account.refreshToken()).string("refreshToken.refreshToken");
        // The answer was lost on the way; the client presents its token again.
        assertEquals(first, refresh(account.refreshToken()).string("refreshToken.refreshToken"));
        refresh(first).assertNoErrors();
    }

    @Test
    void reusingARotatedTokenAfterTheGraceWindowRevokesTheWholeFamily() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result first = refresh(account.refreshToken());
        String legitimateRefresh = first.string("refreshToken.refreshToken");
        String legitimateAccess = first.string("refreshToken.accessToken");
        TopicRecorder.sleep(grace.plusMillis(500));

        // An attacker replays the stolen, long rotated token.
        assertEquals("UNAUTHENTICATED", refresh(account.refreshToken()).errorCode());
        assertSessionEnded(account, legitimateRefresh, legitimateAccess);
    }

    @Test
    void withinTheGraceWindowATokenWhoseSuccessorWasAlreadyUsedIsAReplay() {
        Accounts.Account account = Accounts.register();
        String second = refresh(account.refreshToken()).string("refreshToken.refreshToken");
        GraphQLClient.Result third = refresh(second);

        // Someone refreshed with the successor already, yet the first token is presented again: a copy.
        assertEquals("UNAUTHENTICATED", refresh(account.refreshToken()).errorCode());
        assertSessionEnded(account, third.string("refreshToken.refreshToken"), third.string("refreshToken.accessToken"));
    }

    @Test
    void aRevokedFamilyDoesNotTouchTheSameUsersOtherSessions() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result otherDevice = GraphQLClient.anonymous().execute(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }",
                Map.of("e", account.email(), "p", Accounts.PASSWORD));
        String second = refresh(account.refreshToken()).string("refreshToken.refreshToken");
        refresh(second).assertNoErrors();
        assertEquals("UNAUTHENTICATED", refresh(account.refreshToken()).errorCode()); // replay: revokes the first session only

        assertEquals(account.userId(), GraphQLClient.withToken(otherDevice.string("login.accessToken")).execute(ME).string("me.id"));
        refresh(otherDevice.string("login.refreshToken")).assertNoErrors();
    }

    @Test
    void eachRefreshMovesTheSessionsEndAhead() {
        Accounts.Account account = Accounts.register();
        String sessionId = Sessions.sessionIdOf(account.accessToken());
        long endAtSignIn = sessions.family(sessionId).expiresAt();
        assertEquals(endAtSignIn, sessions.token(account.refreshToken()).expiresAt());

        TopicRecorder.sleep(Duration.ofMillis(1100)); // the stored ends have a resolution of a second
        String next = refresh(account.refreshToken()).string("refreshToken.refreshToken");
        long expected = Instant.now().plus(refreshTtl).getEpochSecond();
        long endAfterRefresh = sessions.family(sessionId).expiresAt();
        assertTrue(endAfterRefresh > endAtSignIn, "the session's TTL moved from " + endAtSignIn + " to " + endAfterRefresh);
        assertTrue(Math.abs(expected - endAfterRefresh) <= 2, "a refresh TTL from now: " + endAfterRefresh + " vs " + expected);
        assertEquals(endAfterRefresh, sessions.token(next).expiresAt(), "the new token ends with its session");
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheRefreshFamily() {
        Accounts.Account account = Accounts.register();
        assertEquals(account.userId(), account.client().execute(ME).string("me.id"));
        assertEquals(Boolean.TRUE, account.client().execute("mutation { logout }").data("logout"));

        assertEquals("UNAUTHENTICATED", account.client().execute(ME).errorCode());
        assertEquals("UNAUTHENTICATED", refresh(account.refreshToken()).errorCode());
    }

    @Test
    void unknownOrEmptyRefreshTokensAreRefused() {
        assertEquals("UNAUTHENTICATED", refresh("not-a-token").errorCode());
        assertEquals("UNAUTHENTICATED", refresh("").errorCode());
    }

    /** Nobody holding this session gets in: not the newest refresh token, nor any of its access tokens. */
    private static void assertSessionEnded(Accounts.Account account, String newestRefresh, String newestAccess) {
        assertEquals("UNAUTHENTICATED", refresh(newestRefresh).errorCode());
        assertEquals("UNAUTHENTICATED", GraphQLClient.withToken(newestAccess).execute(ME).errorCode());
        assertEquals("UNAUTHENTICATED", GraphQLClient.withToken(account.accessToken()).execute(ME).errorCode());
    }

    static GraphQLClient.Result refresh(String refreshToken) {
        return GraphQLClient.anonymous().execute(REFRESH, Map.of("t", refreshToken));
    }
}
