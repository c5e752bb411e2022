package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.SocketClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** Guessing is throttled per address and per (email, address); the account itself is slowed, never locked. */
@QuarkusTest
class RateLimitTest {

    static final String LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }";

    @ConfigProperty(name = "parley.rate-limit.auth.per-email-and-address")
    int perPair;

    @ConfigProperty(name = "parley.rate-limit.auth.per-address")
    int perAddress;

    @ConfigProperty(name = "parley.rate-limit.auth.slow-down-max")
    Duration slowDownMax;

    @Test
    void aStrangerGuessingFromOneAddressCannotLockTheOwnerOut() {
        Accounts.Account account = Accounts.register();
        GraphQLClient stranger = GraphQLClient.anonymous().fromAddress("192.0.2.11");
        for (int i = 0; i < perPair; i++) {
            assertEquals("UNAUTHENTICATED", login(stranger, account.email(), "guess-" + i).errorCode());
        }
        GraphQLClient.Result limited = login(stranger, account.email(), "guess-again");
        assertEquals("RATE_LIMITED", limited.errorCode());
        Object retryAfter = limited.errorExtension("retryAfterSeconds");
        assertTrue(retryAfter instanceof Integer seconds && seconds > 0, "retryAfterSeconds is a positive number: " + retryAfter);
        assertNull(limited.json().get("data.login"));
        // Even the right password is refused from the stranger's address...
        assertEquals("RATE_LIMITED", login(stranger, account.email(), Accounts.PASSWORD).errorCode());

        // ...while the owner, elsewhere, signs in: later than usual, since the account is under attack.
        long start = System.nanoTime();
        GraphQLClient.Result owner = login(GraphQLClient.anonymous().fromAddress("198.51.100.7"), account.email(), Accounts.PASSWORD);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(account.userId(), owner.string("login.user.id"));
        assertTrue(took.compareTo(slowDownMax) >= 0, "slowed down by " + slowDownMax + ", took " + took);
        assertEquals(account.userId(), GraphQLClient.withToken(owner.string("login.accessToken")).execute("{ me { id } }")
                .string("me.id"));
    }

    @Test
    void aSuccessfulLoginStartsThePairAfresh() {
        Accounts.Account account = Accounts.register();
        GraphQLClient owner = GraphQLClient.anonymous().fromAddress("192.0.2.12");
        for (int i = 0; i < perPair - 1; i++) {
            assertEquals("UNAUTHENTICATED", login(owner, account.email(), "typo-" + i).errorCode());
        }
        assertEquals(account.userId(), login(owner, account.email(), Accounts.PASSWORD).string("login.user.id"));
        // Without the fresh start, these would pass the pair's limit.
        assertEquals("UNAUTHENTICATED", login(owner, account.email(), "typo-again").errorCode());
        assertEquals("UNAUTHENTICATED", login(owner, account.email(), "typo-once-more").errorCode());
    }

    @Test
    void slowedAttemptsWaitSideBySideNotOneAfterAnother() throws Exception {
        Accounts.Account account = Accounts.register();
        GraphQLClient stranger = GraphQLClient.anonymous().fromAddress("192.0.2.13");
        for (int i = 0; i < perPair; i++) {
            login(stranger, account.email(), "guess-" + i); // from here on, every attempt waits the longest
        }
        int attempts = 12;
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            String body = new JsonObject().put("query", LOGIN)
                    .put("variables", new JsonObject().put("e", account.email()).put("p", Accounts.PASSWORD)).encode();
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + SocketClient.testPort() + "/graphql"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100." + (20 + i))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            JsonObject answer = new JsonObject(response.get(60, TimeUnit.SECONDS).body());
            assertEquals(account.userId(), answer.getJsonObject("data").getJsonObject("login").getJsonObject("user").getString("id"),
                    answer.encode());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // One after another, they would take attempts x the wait: a wait holds no thread and no queue.
        assertTrue(took.compareTo(slowDownMax.multipliedBy(attempts / 2)) < 0, attempts + " slowed logins took " + took);
    }

    @Test
    void oneAddressTryingManyEmailsIsLimitedPerAddress() {
        GraphQLClient fromOneAddress = GraphQLClient.anonymous().fromAddress("192.0.2.77");
        for (int i = 0; i < perAddress; i++) {
            assertEquals("UNAUTHENTICATED", login(fromOneAddress, Accounts.uniqueEmail(), "whatever-" + i).errorCode());
        }
        assertEquals("RATE_LIMITED", login(fromOneAddress, Accounts.uniqueEmail(), "whatever").errorCode());
        // Another client is not affected.
        assertEquals("UNAUTHENTICATED", login(GraphQLClient.anonymous(), Accounts.uniqueEmail(), "whatever").errorCode());
    }

    static GraphQLClient.Result login(GraphQLClient client, String email, String password) {
        return client.execute(LOGIN, Map.of("e", email, "p", password));
    }
}
