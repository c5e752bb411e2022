package dev.parley.platform.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.StoredItems;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class QueryLimitsTest {

    @Inject
    StoredItems stored;

    @Test
    void aQueryDeeperThanTheLimitIsRefusedBeforeAnyResolverRuns() {
        // me would answer UNAUTHENTICATED (no token) if its resolver ran; the only error must be the limit.
        String deep = "{ me { id } __schema { types { " + "fields { type { ofType { ".repeat(5) + "name" + " } } }".repeat(5) + " } } }";
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(deep);
        assertEquals(1, result.json().getList("errors").size(), result.json().prettify());
        assertTrue(result.errorMessage().toLowerCase().contains("depth"), result.errorMessage());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertNull(result.json().get("data"));
    }

    @Test
    void aTooComplexMutationIsRefusedAndWritesNothing() {
        List<String> emails = new ArrayList<>();
        StringBuilder mutation = new StringBuilder("mutation {");
        for (int i = 0; i < 300; i++) {
            String email = Accounts.uniqueEmail();
            emails.add(email);
            mutation.append(" r").append(i).append(": register(input: {email: \"").append(email)
                    .append("\", password: \"").append(Accounts.PASSWORD)
                    .append("\", name: \"N\", workspaceName: \"W\"}) { accessToken user { id email name } }");
        }
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(mutation.append(" }").toString());
        assertTrue(result.errorMessage().toLowerCase().contains("complexity"), result.errorMessage());
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertFalse(stored.emailClaimed(emails.get(0)));
        assertFalse(stored.emailClaimed(emails.get(299)));
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
