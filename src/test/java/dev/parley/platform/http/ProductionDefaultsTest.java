package dev.parley.platform.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With production's GraphQL defaults, the schema is not discoverable and GraphiQL is not served. */
@QuarkusTest
@TestProfile(ProductionDefaultsTest.ProductionGraphQL.class)
class ProductionDefaultsTest {

    public static class ProductionGraphQL implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.field-visibility", "no-introspection",
                    "parley.graphql.ui-enabled", "false");
        }
    }

    @Test
    void introspectionIsRefused() {
        GraphQLClient.Result result = GraphQLClient.anonymous().execute("{ __schema { types { name } } }");
        assertTrue(result.hasErrors(), result.json().prettify());
    }

    @Test
    void theSdlRouteAndGraphiQLAreNotServed() {
        given().get("/graphql/schema.graphql").then().statusCode(404);
        given().get("/q/graphql-ui/").then().statusCode(404);
    }

    @Test
    void ordinaryOperationsStillWork() {
        given().contentType("application/json").body("{\"query\":\"{ __typename }\"}").post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }
}
