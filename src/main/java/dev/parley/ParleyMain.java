package dev.parley;

import java.util.HashMap;
import java.util.Map;

import dev.parley.platform.localstack.LocalStack;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In dev mode ({@code ./mvnw quarkus:dev}) and in the local run
 * ({@code PARLEY_LOCAL_STACK=true}), it first starts the backing servers that no configuration
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

    private static boolean localStackWanted() {
        String flag = setting("local-stack.enabled");
        return flag != null ? Boolean.parseBoolean(flag) : LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    /** The endpoints set from outside (system properties or Kubernetes-style environment variables). */
    private static Map<String, String> configured() {
        Map<String, String> configured = new HashMap<>();
        for (String key : new String[] { LocalStack.DYNAMODB_ENDPOINT, LocalStack.S3_ENDPOINT, LocalStack.REDIS_HOSTS,
                LocalStack.JWT_PUBLIC_KEY, LocalStack.JWT_PUBLIC_KEY + ".location" }) {
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
