package dev.parley.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.parley.testing.RedisOutage;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @Test
    void livenessAndReadinessAreUpWithEveryDependencyReachable() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("dynamodb")).body("checks.name", hasItem("redis")).body("checks.name", hasItem("s3"));
    }

    @Test
    void readinessIsDownWhileRedisIsStoppedAndUpAgainWhenItReturns() {
        try (RedisOutage outage = RedisOutage.begin()) {
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'dynamodb' }.status", equalTo("UP"));
            // Liveness does not depend on Redis: restarting the pod would not help.
            given().get("/q/health/live").then().statusCode(200);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
