package dev.parley.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.parley.platform.health.DependencyProbes.Dependency;
import io.smallrye.health.api.Wellness;

/**
 * Readiness says whether this pod can serve: DynamoDB only, since without it nothing works. Redis and
 * S3 are shared by every pod, so their outage would turn all pods unready at once (a whole outage
 * behind the Service) while most requests still work: they are reported at {@code /q/health/well}
 * and {@code /q/health} with what they degrade, and as {@code parley_dependency_up}, not in readiness.
 */
public final class DependencyChecks {

    private DependencyChecks() {
    }

    @Readiness
    @ApplicationScoped
    public static class DynamoDbReadiness implements HealthCheck {
        private final DependencyProbes probes;

        public DynamoDbReadiness(DependencyProbes probes) {
            this.probes = probes;
        }

        @Override
        public HealthCheckResponse call() {
            return probes.probe(Dependency.DYNAMODB);
        }
    }

    @Wellness
    @ApplicationScoped
    public static class RedisWellness implements HealthCheck {
        private final DependencyProbes probes;

        public RedisWellness(DependencyProbes probes) {
            this.probes = probes;
        }

        @Override
        public HealthCheckResponse call() {
            return probes.probe(Dependency.REDIS);
        }
    }

    @Wellness
    @ApplicationScoped
    public static class S3Wellness implements HealthCheck {
        private final DependencyProbes probes;

        public S3Wellness(DependencyProbes probes) {
            this.probes = probes;
        }

        @Override
        public HealthCheckResponse call() {
            return probes.probe(Dependency.S3);
        }
    }
}
