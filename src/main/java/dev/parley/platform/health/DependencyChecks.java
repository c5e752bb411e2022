package dev.parley.platform.health;

import jakarta.inject.Singleton;

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

    /** One dependency's probe as a health check (its beans are singletons: a client proxy would need a no-args constructor). */
    abstract static class Check implements HealthCheck {
        private final DependencyProbes probes;
        private final Dependency dependency;

        Check(DependencyProbes probes, Dependency dependency) {
            this.probes = probes;
            this.dependency = dependency;
        }

        @Override
        public HealthCheckResponse call() {
            return probes.probe(dependency);
        }
    }

    @Readiness
    @Singleton
    public static class DynamoDbReadiness extends Check {
        public DynamoDbReadiness(DependencyProbes probes) {
            super(probes, Dependency.DYNAMODB);
        }
    }

    @Wellness
    @Singleton
    public static class RedisWellness extends Check {
        public RedisWellness(DependencyProbes probes) {
            super(probes, Dependency.REDIS);
        }
    }

    @Wellness
    @Singleton
    public static class S3Wellness extends Check {
        public S3Wellness(DependencyProbes probes) {
            super(probes, Dependency.S3);
        }
    }
}
