package dev.parley;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.parley.platform.localstack.LocalSecret;
import dev.parley.platform.localstack.LocalStack;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In dev mode ({@code ./mvnw quarkus:dev}) and in the local run ({@code bin/run-local}),
 * both of which set {@code local-stack.enabled}, it first starts the backing servers that no configuration
 * points elsewhere (see {@link LocalStack}), with their data under {@code .data/} or
 * {@code local-stack.data-dir}; in production it only runs Quarkus.
 */
@QuarkusMain
public class ParleyMain {

    public static void main(String... args) {
        if (localStackWanted()) {
            // System properties, not a static field: dev-mode live reload re-runs main in a new class loader.
            Path projectDir = LocalStack.findProjectDir();
            String dataDir = setting("local-stack.data-dir");
            LocalStack stack = dataDir == null ? LocalStack.persistent(projectDir) : LocalStack.persistent(projectDir, Path.of(dataDir));
            stack.startOncePerJvm(configured());
        }
        Quarkus.run(args);
    }

    /** Set by the quarkus:dev configuration in pom.xml and by bin/run-local; never in production. */
    private static boolean localStackWanted() {
        return Boolean.parseBoolean(setting("local-stack.enabled"));
    }

    /** The endpoints and keys set from outside (system properties or Kubernetes-style environment variables). */
    private static Map<String, String> configured() {
        Map<String, String> configured = new HashMap<>();
        for (String key : new String[] { LocalStack.DYNAMODB_ENDPOINT, LocalStack.S3_ENDPOINT, LocalStack.REDIS_HOSTS,
                LocalStack.JWT_PUBLIC_KEY, LocalStack.JWT_PUBLIC_KEY + ".location" }) {
            String value = setting(key);
            if (value != null && !value.isBlank()) {
                configured.put(key, value);
            }
        }
        for (LocalSecret secret : LocalSecret.ALL) {
            // Set as the property, or by the environment variable application.properties reads it from.
            String value = setting(secret.property());
            if (value == null || value.isBlank()) {
                value = System.getenv(secret.environment());
            }
            if (value != null && !value.isBlank()) {
                configured.put(secret.property(), value);
            }
        }
        return configured;
    }

    private static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value;
    }
}
