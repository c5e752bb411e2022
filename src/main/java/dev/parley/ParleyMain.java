package dev.parley;

import java.util.HashMap;
import java.util.Map;

import dev.parley.platform.localstack.LocalStack;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In dev mode ({@code ./mvnw quarkus:dev}) and in the local run ({@code bin/run-local}),
 * both of which set {@code local-stack.enabled}, it first starts the backing servers that no configuration
 * points elsewhere (see {@link LocalStack}); in production it only runs Quarkus.
 */
@QuarkusMain
public class ParleyMain {

    public static void main(String... args) {
        if (localStackWanted()) {
            // System properties, not a static field: dev-mode live reload re-runs main in a new class loader.
            LocalStack.persistent(LocalStack.findProjectDir()).startOncePerJvm(configured());
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
                LocalStack.JWT_PUBLIC_KEY, LocalStack.JWT_PUBLIC_KEY + ".location", LocalStack.REFRESH_KEY }) {
            String value = setting(key);
            if (value != null && !value.isBlank()) {
                configured.put(key, value);
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
