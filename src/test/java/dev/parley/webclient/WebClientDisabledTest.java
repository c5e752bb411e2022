package dev.parley.webclient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With parley.web-client.enabled off (production's default) nothing of the client is served; the API is. */
@QuarkusTest
@TestProfile(WebClientDisabledTest.WebClientOff.class)
class WebClientDisabledTest {

    public static class WebClientOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.web-client.enabled", "false");
        }
    }

    @Test
    void theClientAnswersNotFound() {
        for (String path : List.of("/", "/index.html", "/app/main.js", "/app/parley.css", "/app/features.json")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theApiAndGraphiQLStillAnswer() {
        given().contentType("application/json").body("{\"query\":\"{ __typename }\"}").post("/graphql")
                .then().statusCode(200).body("data.__typename", equalTo("Query"));
        given().get("/q/graphql-ui/").then().statusCode(200);
    }
}
