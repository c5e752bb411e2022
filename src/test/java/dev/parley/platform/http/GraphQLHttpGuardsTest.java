package dev.parley.platform.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StoredItems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

@QuarkusTest
class GraphQLHttpGuardsTest {

    @Inject
    StoredItems stored;

    @Test
    void postsThatBrowsersSendCrossSiteWithoutPreflightAreRefusedAndRunNothing() {
        String email = Accounts.uniqueEmail();
        String body = registerBody(email);
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
        postRaw("application/graphql", "{ __typename }")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    /** What browsers and clients really send: GraphiQL's page and GraphiQL each set the header, and fetch joins them. */
    @ParameterizedTest
    @ValueSource(strings = { "application/json, application/json", "Application/JSON;charset=\"utf-8\"",
            "application/json; charset=utf-8, application/json", "application/json, application/json; charset=utf-8",
            "application/json;" })
    void everyWayOfSayingJsonIsServed(String contentType) {
        String email = Accounts.uniqueEmail();
        postRaw(contentType, registerBody(email)).then().statusCode(200)
                .body("data.register.accessToken", org.hamcrest.Matchers.notNullValue());
        assertTrue(stored.emailClaimed(email));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json, text/plain", "text/plain, application/json",
            "application/x-www-form-urlencoded, application/json", "application/json, application/graphql" })
    void aListWithAnythingButJsonIsRefused(String contentType) {
        String email = Accounts.uniqueEmail();
        postRaw(contentType, registerBody(email)).then().statusCode(415)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("Content-Type"));
        assertFalse(stored.emailClaimed(email));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json; charset=utf-8x | 415", "application/json; charset=latin1 | 415",
            "application/graphql; charset=utf-16 | 415", "application/graphql; charset=ISO-8859-1 | 415", "application/json; charset=@@ | 400",
            "application/json; charset=\"utf-8 | 400", "application/json; charset | 400", "application/json; =utf-8 | 400" })
    void aCharsetOtherThanUtf8OrAMalformedParameterIsAClientErrorWithoutDetails(String contentType, int status) {
        String email = Accounts.uniqueEmail();
        String answer = postRaw(contentType, registerBody(email)).then().statusCode(status)
                .contentType(startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo("Content-Type"))
                .extract().asString();
        assertNoInternals(answer);
        assertFalse(stored.emailClaimed(email));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "{\"query\": | body", "'' | body", "{\"query\":\"{ __typename }\"} trailing | body", "[] | body",
            "\"{ __typename }\" | body", "null | body", "{} | query", "{\"query\": 1} | query",
            "{\"query\":\"{ __typename }\",\"variables\":\"x\"} | variables",
            "{\"query\":\"{ __typename }\",\"operationName\":7} | operationName",
            "{\"query\":\"{ __typename }\",\"extensions\":[]} | extensions" })
    void aJsonBodyThatIsNotAGraphQLRequestIs400WithAGraphQLError(String body, String field) {
        String answer = postRaw("application/json", body).then().statusCode(400)
                .contentType(startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.field", equalTo(field))
                .extract().asString();
        assertNoInternals(answer);
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        given().contentType("application/json").body(new byte[] { '{', '"', 'q', (byte) 0xC3, '"', ':', '1', '}' })
                .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void aWellFormedRequestWithNullMembersIsServed() {
        postRaw("application/json", "{\"query\":\"{ __typename }\",\"variables\":null,\"operationName\":null,\"extensions\":null}")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
    }

    /** The Dev UI links to "/" + root-path + "/schema.graphql" (SmallRyeGraphQLDevUIProcessor): that must be a path on this server. */
    @Test
    void theSchemaLinkTheDevUiBuildsFromTheRootPathIsServedHere() {
        String rootPath = ConfigProvider.getConfig().getValue("quarkus.smallrye-graphql.root-path", String.class);
        URI base = URI.create("http://localhost:" + SocketClient.testPort() + "/q/dev-ui/");
        URI link = base.resolve("/" + rootPath + "/schema.graphql");
        assertEquals(base.getAuthority(), link.getAuthority(), "the link " + link + " leaves the server");
        given().get(link.getPath()).then().statusCode(200).body(containsString("type Query"));
        given().get("/q/graphql-ui/render.js").then().statusCode(200).body(containsString("const api = '/graphql';"));
    }

    @Test
    void graphiqlIsServedInTestAndDev() {
        given().get("/q/graphql-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory"));
    }

    /** Sends the Content-Type exactly as given (RestAssured would otherwise add a charset of its own). */
    private static Response postRaw(String contentType, String body) {
        return given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("X-Forwarded-For", GraphQLClient.randomAddress())
                .header("Content-Type", contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/graphql");
    }

    private static String registerBody(String email) {
        return "{\"query\":\"mutation { register(input: {email: \\\"" + email + "\\\", password: \\\"" + Accounts.PASSWORD
                + "\\\", name: \\\"N\\\", workspaceName: \\\"W\\\"}) { accessToken } }\"}";
    }

    private static void assertNoInternals(String answer) {
        assertFalse(answer.contains("Exception") || answer.contains("java.") || answer.contains("\tat "), answer);
    }

}
