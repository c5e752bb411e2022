package dev.parley.webclient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;
import io.restassured.response.Response;

/** The client's page and assets come from the app itself, with a strict CSP that leaves other paths alone. */
@QuarkusTest
class WebClientServingTest {

    private static final Path CLIENT = Path.of("src/main/resources/META-INF/resources");

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    @Test
    void thePageAndItsAssetsCarryAStrictContentSecurityPolicy() {
        for (String path : List.of("/", "/index.html", "/app/main.js", "/app/parley.css", "/app/features.json")) {
            Response response = given().get(path);
            assertEquals(200, response.statusCode(), path);
            String policy = response.header("Content-Security-Policy");
            assertTrue(policy != null && policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), path + ": " + policy);
            assertFalse(policy.contains("unsafe"), policy);
            assertTrue(policy.contains("frame-ancestors 'none'"), policy);
            assertTrue(policy.contains("connect-src 'self' " + s3Endpoint), "uploads may go to storage: " + policy);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
        }
        given().get("/").then().contentType(containsString("text/html")).body(containsString("<script type=\"module\" src=\"/app/main.js\">"));
        given().get("/app/main.js").then().contentType(containsString("javascript"));
    }

    @Test
    void graphiqlAndTheApiKeepTheirOwnHeaders() {
        String ours = given().get("/").header("Content-Security-Policy");
        Response graphiql = given().get("/q/graphql-ui/");
        assertEquals(200, graphiql.statusCode());
        assertFalse(ours.equals(graphiql.header("Content-Security-Policy")), "GraphiQL runs inline script: our policy would break it");
        given().contentType("application/json").body("{\"query\":\"{ __typename }\"}").post("/graphql")
                .then().statusCode(200).header("Content-Security-Policy", not(containsString("script-src 'self'")));
    }

    @Test
    void theFeaturesTheClientShowsAreWhatTheSchemaHas() {
        JsonPath features = JsonPath.from(given().get("/app/features.json").then().statusCode(200).extract().asString());
        assertEquals(ServerSchema.has("Mutation", "createUpload") && ServerSchema.has("Message", "files"), features.getBoolean("files"));
        assertEquals(ServerSchema.has("Query", "search"), features.getBoolean("search"));
    }

    /** Safe by construction: no HTML is ever parsed from strings, and nothing needs 'unsafe-inline' or 'unsafe-eval'. */
    @Test
    void theClientNeverBuildsMarkupFromStringsAndHasNoInlineScriptOrStyle() throws IOException {
        Pattern forbidden = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function|setAttribute\\('style'|\\.style\\.");
        try (Stream<Path> files = Files.walk(CLIENT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                List<String> uses = forbidden.matcher(Files.readString(file)).results().map(m -> m.group()).toList();
                assertTrue(uses.isEmpty(), file + " uses " + uses);
            }
        }
        String page = Files.readString(CLIENT.resolve("index.html"));
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find(), "no inline script");
        assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=").matcher(page).find(), "no inline style or handlers");
    }
}
