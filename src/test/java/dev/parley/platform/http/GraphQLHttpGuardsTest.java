package dev.parley.platform.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.StoredItems;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GraphQLHttpGuardsTest {

    @Inject
    StoredItems stored;

    @Test
    void postsThatBrowsersSendCrossSiteWithoutPreflightAreRefusedAndRunNothing() {
        String email = Accounts.uniqueEmail();
        String body = "{\"query\":\"mutation { register(input: {email: \\\"" + email + "\\\", password: \\\"" + Accounts.PASSWORD
                + "\\\", name: \\\"N\\\", workspaceName: \\\"W\\\"}) { accessToken } }\"}";
        given().formParam("query", body).post("/graphql").then().statusCode(415);
        for (String contentType : new String[] { "text/plain", "multipart/form-data; boundary=x" }) {
            given().contentType(contentType).body(body.getBytes()).post("/graphql")
                    .then().statusCode(415).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        }
        given().body(body.getBytes()).post("/graphql").then().statusCode(415);
        assertFalse(stored.emailClaimed(email));
    }

    @Test
    void jsonAndGraphQLBodiesAreServed() {
        given().contentType("application/json; charset=UTF-8").body("{\"query\":\"{ __typename }\"}").post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
        given().contentType("application/graphql").body("{ __typename }".getBytes()).post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    @Test
    void graphiqlIsServedInTestAndDev() {
        given().get("/q/graphql-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_memory"));
    }
}
