package dev.parley.platform.graphql;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.platform.config.ParleyConfig;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Caps query depth and complexity (every field counts 1) before anything executes. SmallRye has
 * these limits too, but its errors carry no {@code extensions.code}; these answer BAD_USER_INPUT.
 * They go in front of SmallRye's own instrumentation when the GraphQL engine is built.
 */
@ApplicationScoped
public class QueryLimits {

    private final ParleyConfig config;

    public QueryLimits(ParleyConfig config) {
        this.config = config;
    }

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation smallRyes = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(
                new DepthLimit(config.graphql().maxDepth()),
                new ComplexityLimit(config.graphql().maxComplexity()),
                smallRyes)));
    }

    private static final class DepthLimit extends MaxQueryDepthInstrumentation {
        DepthLimit(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new Refused("Query depth " + depth + " exceeds the limit of " + maxDepth);
        }
    }

    private static final class ComplexityLimit extends MaxQueryComplexityInstrumentation {
        ComplexityLimit(int maxComplexity) {
            super(maxComplexity);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return new Refused("Query complexity " + complexity + " exceeds the limit of " + maxComplexity);
        }
    }

    private static final class Refused extends AbortExecutionException {
        Refused(String message) {
            super(message);
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", ErrorCode.BAD_USER_INPUT.name());
        }
    }
}
