package dev.parley.platform.health;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.dynamodb.Tables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whether this pod reaches each dependency, each probe with a short deadline so a hung dependency
 * answers DOWN instead of hanging. The last answer of each is the gauge
 * {@code parley_dependency_up{dependency="dynamodb"|"redis"|"s3"}} (1 up, 0 down, NaN before the
 * first probe), probed every 15 s and by every health request.
 */
@ApplicationScoped
public class DependencyProbes {

    static final Duration DEADLINE = Duration.ofSeconds(2);

    public enum Dependency {
        DYNAMODB("dynamodb", "everything: this pod cannot serve"),
        REDIS("redis", "live delivery between pods, presence, typing; rate limits count per pod; "
                + "sign-outs made on other pods meanwhile are not seen here"),
        S3("s3", "files");

        final String tag;
        final String withoutIt;

        Dependency(String tag, String withoutIt) {
            this.tag = tag;
            this.withoutIt = withoutIt;
        }
    }

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ReactiveRedisDataSource redis;
    private final S3Client s3;
    private final ParleyConfig config;
    private final Map<Dependency, AtomicLong> lastAnswer = new EnumMap<>(Dependency.class);

    public DependencyProbes(DynamoDbClient dynamo, Tables tables, ReactiveRedisDataSource redis, S3Client s3, ParleyConfig config,
            MeterRegistry registry) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.redis = redis;
        this.s3 = s3;
        this.config = config;
        for (Dependency dependency : Dependency.values()) {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            lastAnswer.put(dependency, bits);
            Gauge.builder("parley.dependency.up", bits, b -> Double.longBitsToDouble(b.get())).tag("dependency", dependency.tag)
                    .description("1 while this pod reaches the dependency, 0 when it does not").register(registry);
        }
    }

    public HealthCheckResponse probe(Dependency dependency) {
        boolean up;
        try {
            call(dependency);
            up = true;
        } catch (RuntimeException unreachable) {
            up = false;
        }
        lastAnswer.get(dependency).set(Double.doubleToLongBits(up ? 1 : 0));
        return up ? HealthCheckResponse.up(dependency.tag)
                : HealthCheckResponse.named(dependency.tag).down().withData("error", "unreachable")
                        .withData("degrades", dependency.withoutIt).build();
    }

    private void call(Dependency dependency) {
        switch (dependency) {
            case DYNAMODB -> dynamo.describeTable(b -> b.tableName(tables.name(Table.USERS))
                    .overrideConfiguration(c -> c.apiCallTimeout(DEADLINE)));
            case REDIS -> redis.execute("PING").await().atMost(DEADLINE);
            case S3 -> s3.headBucket(b -> b.bucket(config.s3().bucket()).overrideConfiguration(c -> c.apiCallTimeout(DEADLINE)));
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        for (Dependency dependency : Dependency.values()) {
            probe(dependency);
        }
    }
}
