package dev.parley.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Metrics;
import dev.parley.testing.RedisOutage;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    private static final String REDIS_UP = "parley_dependency_up{dependency=\"redis\"}";

    @Test
    void readinessIsDynamoDbAloneAndTheSharedDependenciesShowInWellness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("dynamodb")).body("checks.name", not(hasItem("redis")))
                .body("checks.name", not(hasItem("s3")));
        given().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis")).body("checks.name", hasItem("s3"));
        assertEquals(1.0, Metrics.scrape().value(REDIS_UP));
        assertEquals(1.0, Metrics.scrape().value("parley_dependency_up{dependency=\"dynamodb\"}"));
    }

    @Test
    void aRedisOutageLeavesThePodReadyAndShowsInTheHealthDetailsAndTheGauge() {
        try (RedisOutage outage = RedisOutage.begin()) {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.data.degrades", org.hamcrest.Matchers.containsString("live delivery"))
                    .body("checks.find { it.name == 's3' }.status", equalTo("UP"));
            given().get("/q/health").then().body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"));
            assertEquals(0.0, Metrics.scrape().value(REDIS_UP));
            // Liveness does not depend on Redis: restarting the pod would not help.
            given().get("/q/health/live").then().statusCode(200);
        }
        given().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"));
        assertEquals(1.0, Metrics.scrape().value(REDIS_UP));
    }
}
