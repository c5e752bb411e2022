package dev.parley.testing;

import java.util.Map;

import dev.parley.platform.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real local stack (DynamoDB Local, S3Proxy, Redis; ephemeral) once per test run for
 * every {@code @QuarkusTest}. The servers stop with the test JVM.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalStack.ephemeral(LocalStack.findProjectDir()).startOncePerJvm(Map.of());
    }

    @Override
    public void stop() {
        // The servers are shared by every Quarkus start of this JVM; their shutdown hooks stop them.
    }
}
