package dev.parley.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.parley.platform.localstack.ChildServer;
import dev.parley.platform.localstack.LocalStack;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @ConfigProperty(name = "local-stack.redis-port")
    int redisPort;

    @Test
    void livenessAndReadinessAreUpWithEveryDependencyReachable() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("dynamodb")).body("checks.name", hasItem("redis")).body("checks.name", hasItem("s3"));
    }

    @Test
    void readinessIsDownWhileRedisIsStoppedAndUpAgainWhenItReturns() throws IOException {
        shutDownRedis();
        ChildServer restarted = null;
        try {
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'dynamodb' }.status", equalTo("UP"));
            // Liveness does not depend on Redis: restarting the pod would not help.
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            restarted = LocalStack.ephemeral(LocalStack.findProjectDir()).redisServer(redisPort).start(Duration.ofSeconds(30));
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void shutDownRedis() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redisPort); OutputStream out = socket.getOutputStream()) {
            out.write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // returns when Redis closes the connection
        }
    }
}
