package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import dev.parley.platform.security.AccessTokens;
import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Sessions in the browser with access tokens of a few seconds: the client refreshes before they
 * expire, the socket the server closes at expiry (4403) comes back with a fresh token and resumes,
 * a reload stays signed in, signing out ends the session.
 */
@QuarkusTest
@TestProfile(SessionInBrowserTest.ShortTokens.class)
class SessionInBrowserTest {

    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

    public static class ShortTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.auth.access-token-ttl", TOKEN_LIFETIME.toSeconds() + "S");
        }
    }

    @Inject
    AccessTokens tokens;

    @Test
    void acrossTokenExpiriesTheClientStaysLiveAndMissesNothing() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String general = people.channelId(people.ada(), "general");
        // Ada posts from here, with a token that outlives the test (the profile's are short).
        Account ada = new Account(people.ada().email(), people.ada().userId(), people.workspaceId(),
                tokens.issue(people.ada().userId(), "session-test", Duration.ofMinutes(5)).token(), null);
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId());
            // Messages keep coming while the first tokens expire and are refreshed twice over.
            List<String> sent = new ArrayList<>();
            String first = refreshToken(grace);
            long deadline = System.nanoTime() + TOKEN_LIFETIME.multipliedBy(4).toNanos();
            String second = null;
            while (System.nanoTime() < deadline) {
                sent.add("tick " + sent.size());
                Messages.post(ada, general, sent.get(sent.size() - 1));
                String now = refreshToken(grace);
                if (second == null && !now.equals(first)) {
                    second = now;
                } else if (second != null && !now.equals(second)) {
                    break; // refreshed twice: the socket's first token expired well before this
                }
                sleep(Duration.ofMillis(700));
            }
            assertTrue(second != null && !refreshToken(grace).equals(second), "the client refreshed its token twice");
            grace.message(sent.get(sent.size() - 1));
            grace.send("still here");
            grace.message("still here"); // stored before the sentinel is sent, so their order is settled
            Messages.post(ada, general, "sentinel");
            grace.message("sentinel");
            List<String> expected = new ArrayList<>(sent);
            expected.addAll(List.of("still here", "sentinel"));
            assertEquals(expected, grace.messageTexts(), "each once, in order, across reconnects");
        }
    }

    @Test
    void aReloadStaysSignedInAndSigningOutEndsTheSession() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).openApp().signIn(people.grace().email(), Accounts.PASSWORD);
            grace.awaitReady();
            browser.driver().navigate().refresh();
            grace.awaitReady();
            String refreshToken = refreshToken(grace);

            grace.until(By.xpath("//button[normalize-space()='Sign out']")).click();
            grace.until(By.cssSelector(".auth-form"));
            assertNull(((JavascriptExecutor) grace.driver).executeScript("return sessionStorage.getItem('parley.refreshToken')"));
            // The client forgets its tokens at once and tells the server in the background: wait for that to land.
            String refused = null;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < deadline && refused == null; ) {
                refused = GraphQLClient.anonymous().execute("mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }",
                        Map.of("t", refreshToken)).errorCode();
                if (refused == null) {
                    sleep(Duration.ofMillis(200));
                }
            }
            assertEquals("UNAUTHENTICATED", refused, "the session is over on the server too");
            browser.driver().navigate().refresh();
            grace.until(By.cssSelector(".auth-form"));
        }
    }

    private static String refreshToken(ChatPage page) {
        return (String) ((JavascriptExecutor) page.driver).executeScript("return sessionStorage.getItem('parley.refreshToken')");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
