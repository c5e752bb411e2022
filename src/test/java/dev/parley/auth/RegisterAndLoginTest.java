package dev.parley.auth;

import static dev.parley.testing.Accounts.AUTH_FIELDS;
import static dev.parley.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.StoredItems;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegisterAndLoginTest {

    private static final String REGISTER = "mutation($input: RegisterInput!) { register(input: $input) { " + AUTH_FIELDS + " } }";
    private static final String LOGIN = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { "
            + AUTH_FIELDS + " } }";

    @Inject
    StoredItems stored;

    @Test
    void registerThenLoginThenMe() {
        String email = Accounts.uniqueEmail();
        GraphQLClient.Result registered = register(email, PASSWORD, "Ada Lovelace", "Analytical Engines");
        assertEquals(email, registered.data("register.user.email"));
        assertEquals("Analytical Engines", registered.data("register.workspace.name"));
        assertEquals("OWNER", registered.data("register.workspace.role"));
        assertNotNull(registered.data("register.expiresAt"));

        GraphQLClient.Result login = GraphQLClient.anonymous().execute(LOGIN, Map.of("email", email, "password", PASSWORD));
        String userId = login.string("login.user.id");
        assertEquals(registered.data("register.user.id"), userId);
        assertEquals(registered.data("register.workspace.id"), login.data("login.workspace.id"));

        GraphQLClient.Result me = GraphQLClient.withToken(login.string("login.accessToken"))
                .execute("{ me { id email name } }");
        assertEquals(userId, me.data("me.id"));
        assertEquals("Ada Lovelace", me.data("me.name"));
    }

    /** login answers asynchronously: what lies beneath it still acts for the person who just signed in. */
    @Test
    void fieldsBeneathLoginActForThePersonWhoSignedIn() throws Exception {
        Accounts.Account account = Accounts.register();
        String deep = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { "
                + "user { id } workspace { role channels { nodes { name isMember unreadCount } } } } }";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<GraphQLClient.Result>> logins = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                logins.add(pool.submit(() -> GraphQLClient.anonymous().execute(deep,
                        Map.of("email", account.email(), "password", PASSWORD))));
            }
            for (var login : logins) {
                GraphQLClient.Result result = login.get();
                assertEquals("OWNER", result.data("login.workspace.role"));
                assertEquals(Boolean.TRUE, result.data("login.workspace.channels.nodes[0].isMember"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** register answers on a worker thread: the caller-dependent fields beneath it act for the new account, under load too. */
    @Test
    void fieldsBeneathRegisterActForThePersonWhoSignedUp() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<GraphQLClient.Result>> registrations = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                registrations.add(pool.submit(() -> register(Accounts.uniqueEmail(), PASSWORD, "Load", "Load Workspace")));
            }
            for (var registration : registrations) {
                GraphQLClient.Result result = registration.get().assertNoErrors();
                assertEquals("OWNER", result.data("register.workspace.role"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registerCreatesTheWorkspaceWithGeneralAndRandomAndTheirMemberships() {
        Accounts.Account account = Accounts.register();
        assertEquals(2, stored.count(Table.CHANNELS, account.workspaceId()), "#general and #random");
        assertEquals(1, stored.count(Table.WORKSPACE_MEMBERS, account.workspaceId()));
    }

    @Test
    void emailIsNormalisedSoCaseAndSpacesDoNotMakeASecondAccount() {
        String email = Accounts.uniqueEmail();
        Accounts.register(email);
        GraphQLClient.Result again = register("  " + email.toUpperCase() + " ", PASSWORD, "Twin", "Other");
        assertEquals("CONFLICT", again.errorCode());
        GraphQLClient.Result login = GraphQLClient.anonymous().execute(LOGIN,
                Map.of("email", email.toUpperCase(), "password", PASSWORD));
        assertEquals(email, login.data("login.user.email"));
    }

    @Test
    void duplicateEmailIsAConflictAndStoresNoSecondUser() {
        String email = Accounts.uniqueEmail();
        Accounts.register(email);
        GraphQLClient.Result duplicate = register(email, PASSWORD, "Impostor", "Other Workspace");
        assertEquals("CONFLICT", duplicate.errorCode());
        assertEquals("email", duplicate.errorExtension("field"));
        assertEquals(1, stored.usersWithEmail(email));
    }

    @Test
    void weakPasswordsAreRefusedWithTheFieldAndNothingIsWritten() {
        for (String password : List.of("short", "x".repeat(129), "")) {
            String email = Accounts.uniqueEmail();
            GraphQLClient.Result result = register(email, password, "Weak", "Weak Workspace");
            assertEquals("BAD_USER_INPUT", result.errorCode(), password);
            assertEquals("password", result.errorExtension("field"));
            assertFalse(stored.emailClaimed(email));
            assertEquals(0, stored.usersWithEmail(email));
        }
    }

    @Test
    void longPasswordsCountEveryCharacter() {
        String email = Accounts.uniqueEmail();
        String longPassword = "p".repeat(100) + "-tail-one";
        register(email, longPassword, "Long", "Long Workspace").assertNoErrors();
        // Same first 72+ bytes, different end: bcrypt alone would accept it.
        GraphQLClient.Result wrong = GraphQLClient.anonymous().execute(LOGIN,
                Map.of("email", email, "password", "p".repeat(100) + "-tail-two"));
        assertEquals("UNAUTHENTICATED", wrong.errorCode());
    }

    @Test
    void badEmailsAreRefusedWithTheFieldAndNothingIsWritten() {
        for (String email : List.of("not-an-email", "a@b", "two@@example.com", "spaces in@example.com", "")) {
            GraphQLClient.Result result = register(email, PASSWORD, "Bad", "Bad Workspace");
            assertEquals("BAD_USER_INPUT", result.errorCode(), email);
            assertEquals("email", result.errorExtension("field"));
        }
    }

    @Test
    void blankNameOrWorkspaceNameIsRefused() {
        String email = Accounts.uniqueEmail();
        assertEquals("name", register(email, PASSWORD, "  ", "Fine").errorExtension("field"));
        assertEquals("workspaceName", register(email, PASSWORD, "Fine", "").errorExtension("field"));
        assertEquals("workspaceName", register(email, PASSWORD, "Fine", "w".repeat(81)).errorExtension("field"));
        assertFalse(stored.emailClaimed(email));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Accounts.Account account = Accounts.register();
        GraphQLClient.Result wrongPassword = GraphQLClient.anonymous().execute(LOGIN,
                Map.of("email", account.email(), "password", "not the password"));
        GraphQLClient.Result unknownEmail = GraphQLClient.anonymous().execute(LOGIN,
                Map.of("email", Accounts.uniqueEmail(), "password", "not the password"));
        assertEquals("UNAUTHENTICATED", wrongPassword.errorCode());
        assertEquals("UNAUTHENTICATED", unknownEmail.errorCode());
        assertEquals(wrongPassword.errorMessage(), unknownEmail.errorMessage());
        assertTrue(wrongPassword.json().get("data") == null || wrongPassword.json().get("data.login") == null);
    }

    @Test
    void meWithoutATokenIsUnauthenticated() {
        assertEquals("UNAUTHENTICATED", GraphQLClient.anonymous().execute("{ me { id } }").errorCode());
    }

    private static GraphQLClient.Result register(String email, String password, String name, String workspaceName) {
        return GraphQLClient.anonymous().execute(REGISTER, Map.of("input",
                Map.of("email", email, "password", password, "name", name, "workspaceName", workspaceName)));
    }
}
