package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RateLimitTest {

    private static final String LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";

    @ConfigProperty(name = "parley.rate-limit.auth.per-email")
    int perEmail;

    @ConfigProperty(name = "parley.rate-limit.auth.per-address")
    int perAddress;

    @Test
    void guessingOnePasswordIsLimitedPerEmailEvenFromManyAddresses() {
        Accounts.Account account = Accounts.register();
        for (int i = 0; i < perEmail; i++) {
            assertEquals("UNAUTHENTICATED", login(GraphQLClient.anonymous(), account.email(), "guess-" + i).errorCode());
        }
        GraphQLClient.Result limited = login(GraphQLClient.anonymous(), account.email(), Accounts.PASSWORD);
        assertEquals("RATE_LIMITED", limited.errorCode());
        Object retryAfter = limited.errorExtension("retryAfterSeconds");
        assertTrue(retryAfter instanceof Integer seconds && seconds > 0, "retryAfterSeconds is a positive number: " + retryAfter);
        assertNull(limited.json().get("data.login"));
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

    private static GraphQLClient.Result login(GraphQLClient client, String email, String password) {
        return client.execute(LOGIN, Map.of("e", email, "p", password));
    }
}
