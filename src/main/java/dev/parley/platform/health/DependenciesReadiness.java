package dev.parley.platform.health;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.Tables;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Readiness: a pod takes traffic only while it reaches DynamoDB, Redis and S3. Each probe has a
 * short deadline so a hung dependency reports DOWN instead of hanging the probe.
 */
public class DependenciesReadiness {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Readiness
    @ApplicationScoped
    public static class DynamoDbReadiness implements HealthCheck {
        private final DynamoDbClient dynamo;
        private final Tables tables;

        public DynamoDbReadiness(DynamoDbClient dynamo, Tables tables) {
            this.dynamo = dynamo;
            this.tables = tables;
        }

        @Override
        public HealthCheckResponse call() {
            return probe("dynamodb", () -> dynamo.describeTable(b -> b.tableName(tables.name(Table.USERS))
                    .overrideConfiguration(c -> c.apiCallTimeout(DEADLINE))));
        }
    }

    @Readiness
    @ApplicationScoped
    public static class RedisReadiness implements HealthCheck {
        private final ReactiveRedisDataSource redis;

        public RedisReadiness(ReactiveRedisDataSource redis) {
            this.redis = redis;
        }

        @Override
        public HealthCheckResponse call() {
            return probe("redis", () -> redis.execute("PING").await().atMost(DEADLINE));
        }
    }

    @Readiness
    @ApplicationScoped
    public static class S3Readiness implements HealthCheck {
        private final S3Client s3;
        private final ParleyConfig config;

        public S3Readiness(S3Client s3, ParleyConfig config) {
            this.s3 = s3;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            return probe("s3", () -> s3.headBucket(b -> b.bucket(config.s3().bucket())
                    .overrideConfiguration(c -> c.apiCallTimeout(DEADLINE))));
        }
    }

    static HealthCheckResponse probe(String name, Supplier<?> call) {
        try {
            call.get();
            return HealthCheckResponse.up(name);
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name).down().withData("error", "unreachable").build();
        }
    }
}
