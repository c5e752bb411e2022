package dev.parley.platform.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StoredItems;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

@QuarkusTest
class QueryLimitsTest {

    /** The query: every channel's members, in every workspace. */
    private static final String CHANNELS_AND_MEMBERS = "channels(first: 200) { nodes { members(first: 200) { nodes { name } } } }";

    @Inject
    StoredItems stored;

    @Inject
    ParleyConfig config;

    @Test
    void aQueryDeeperThanTheLimitIsRefusedBeforeAnyResolverRuns() {
        // me would answer UNAUTHENTICATED (no token) if its resolver ran; the only error must be the limit.
        String deep = "{ me { id } __schema { types { " + "fields { type { ofType { ".repeat(5) + "name" + " } } }".repeat(5) + " } } }";
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(deep);
        assertEquals(1, result.json().getList("errors").size(), result.json().prettify());
        assertTrue(result.errorMessage().toLowerCase().contains("depth"), result.errorMessage());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("query", result.errorExtension("field"));
        assertNull(result.json().get("data"));
    }

    @Test
    void listsMultiplyTheCostOfWhatTheySelectAndAliasesAddUp() {
        StringBuilder aliased = new StringBuilder("{ me { id }");
        for (int i = 0; i < 100; i++) {
            aliased.append(" w").append(i).append(": workspaces { ").append(CHANNELS_AND_MEMBERS).append(" }");
        }
        // Few fields (601), so the old per-field count let it run; listed, it is billions of nodes' worth.
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(aliased.append(" }").toString());
        assertEquals(1, result.json().getList("errors").size(), "only the refusal: no resolver ran\n" + result.json().prettify());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("query", result.errorExtension("field"));
        assertEquals(config.graphql().maxCost(), ((Number) result.errorExtension("maxCost")).longValue());
        // me and 100 × (workspaces (10 estimated) × channels (200) × members (200)); see QueryCost.
        long channelsAndMembers = 1000 + 1 + 200 * (1000 + 1 + 200);
        assertEquals(1001 + 100 * (1000 + 10 * channelsAndMembers), ((Number) result.errorExtension("cost")).longValue());
        assertNull(result.json().get("data"));
    }

    @Test
    void pageSizesFromVariablesCount() {
        Accounts.Account ada = Accounts.register();
        String query = "query($n: Int) { channels(workspaceId: \"" + ada.workspaceId() + "\", first: $n) { nodes { members(first: $n)"
                + " { nodes { name } } } } }";
        assertEquals(2, ada.client().execute(query, Map.of("n", 20)).json().getList("data.channels.nodes").size());
        GraphQLClient.Result refused = ada.client().execute(query, Map.of("n", 200));
        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertEquals(1000 + 1 + 200 * (1000 + 1 + 200), ((Number) refused.errorExtension("cost")).longValue());
        // first beyond 200 costs what the resolvers clamp it to
        assertEquals(refused.errorExtension("cost"), ada.client().execute(query, Map.of("n", 5000)).errorExtension("cost"));
    }

    @Test
    void anOverBudgetMutationIsRefusedAndWritesNothing() {
        List<String> emails = new ArrayList<>();
        StringBuilder mutation = new StringBuilder("mutation {");
        for (int i = 0; i < 3; i++) {
            String email = Accounts.uniqueEmail();
            emails.add(email);
            mutation.append(" r").append(i).append(": register(input: {email: \"").append(email)
                    .append("\", password: \"").append(Accounts.PASSWORD)
                    .append("\", name: \"N\", workspaceName: \"W\"}) { accessToken workspace { ").append(CHANNELS_AND_MEMBERS).append(" } }");
        }
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(mutation.append(" }").toString());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertTrue(((Number) result.errorExtension("cost")).longValue() > config.graphql().maxCost());
        emails.forEach(email -> assertFalse(stored.emailClaimed(email), email + " was registered"));
    }

    @Test
    void manyWritesInOneRequestAreOverBudget() {
        StringBuilder mutation = new StringBuilder("mutation {");
        for (int i = 0; i < 101; i++) {
            mutation.append(" t").append(i).append(": logout");
        }
        // Each mutation field is a storage call (1000): 101 of them are more than the budget of 100 000.
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(mutation.append(" }").toString());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals(101_000L, ((Number) result.errorExtension("cost")).longValue());
    }

    @Test
    void anOverBudgetSubscriptionIsRefusedWithAnErrorMessage() {
        Accounts.Account ada = Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ada.accessToken())) {
            socket.subscribe("costly", "subscription { events { channel { workspace { " + CHANNELS_AND_MEMBERS + " } } } }");
            JsonPath refused = socket.nextOf("error");
            assertEquals("costly", refused.getString("id"));
            assertEquals("BAD_USER_INPUT", refused.getString("payload[0].extensions.code"));
            assertTrue(refused.getLong("payload[0].extensions.cost") > config.graphql().maxCost());
            socket.subscribe("fine", "{ me { id } }");
            assertEquals("fine", socket.nextOf("next").getString("id"), "the socket goes on serving");
        }
    }

    @Test
    void theIntrospectionQueryOfGraphiQLFitsTheLimits() {
        String introspection = "query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }"
                + " types { ...FullType } directives { name description locations args { ...InputValue } } } }"
                + " fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description"
                + " args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue }"
                + " interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }"
                + " possibleTypes { ...TypeRef } } fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }"
                + " fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name"
                + " ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }";
        GraphQLClient.anonymous().execute(introspection).assertNoErrors();
    }
}
