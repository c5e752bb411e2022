package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionTest {

    private static final String REFRESH = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }";
    private static final String ME = "{ me { id } }";

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
    void reusingARotatedTokenRevokesTheWholeFamily() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result first = refresh(account.refreshToken());
        String legitimateRefresh = first.string("refreshToken.refreshToken");
        String legitimateAccess = first.string("refreshToken.accessToken");

        // An attacker replays the stolen, already-rotated token.
        assertEquals("UNAUTHENTICATED", refresh(account.refreshToken()).errorCode());

        // Now nobody holding this session gets in: not the newest refresh token, not its access token.
        assertEquals("UNAUTHENTICATED", refresh(legitimateRefresh).errorCode());
        assertEquals("UNAUTHENTICATED", GraphQLClient.withToken(legitimateAccess).execute(ME).errorCode());
        assertEquals("UNAUTHENTICATED", GraphQLClient.withToken(account.accessToken()).execute(ME).errorCode());
    }

    @Test
    void aRevokedFamilyDoesNotTouchTheSameUsersOtherSessions() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result otherDevice = GraphQLClient.anonymous().execute(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }",
                Map.of("e", account.email(), "p", Accounts.PASSWORD));
        refresh(account.refreshToken()).assertNoErrors();
        refresh(account.refreshToken()); // replay: revokes the first session only

        assertEquals(account.userId(), GraphQLClient.withToken(otherDevice.string("login.accessToken")).execute(ME).string("me.id"));
        refresh(otherDevice.string("login.refreshToken")).assertNoErrors();
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

    private static GraphQLClient.Result refresh(String refreshToken) {
        return GraphQLClient.anonymous().execute(REFRESH, Map.of("t", refreshToken));
    }
}
