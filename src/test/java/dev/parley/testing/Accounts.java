package dev.parley.testing;

import java.util.Map;
import java.util.UUID;

/** Registers fresh accounts through the public API. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery";

    public static final String AUTH_FIELDS = "accessToken refreshToken expiresAt user { id email name } workspace { id name role }";

    private Accounts() {
    }

    /** A signed-up person: their tokens and ids as the API returned them. */
    public record Account(String email, String userId, String workspaceId, String accessToken, String refreshToken) {
        public GraphQLClient client() {
            return GraphQLClient.withToken(accessToken);
        }
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static Account register() {
        return register(uniqueEmail());
    }

    public static Account register(String email) {
        return register(GraphQLClient.anonymous(), email);
    }

    /** Through a given anonymous client, e.g. one pointed at another instance. */
    public static Account register(GraphQLClient anonymous, String email) {
        GraphQLClient.Result result = anonymous.execute(
                "mutation($input: RegisterInput!) { register(input: $input) { " + AUTH_FIELDS + " } }",
                Map.of("input", Map.of("email", email, "password", PASSWORD, "name", "Test Person",
                        "workspaceName", "Test Workspace")));
        return new Account(result.string("register.user.email"), result.string("register.user.id"),
                result.string("register.workspace.id"), result.string("register.accessToken"),
                result.string("register.refreshToken"));
    }
}
