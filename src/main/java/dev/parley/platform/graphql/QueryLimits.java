package dev.parley.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.json.Json;
import dev.parley.platform.config.ParleyConfig;
import graphql.ExecutionResult;
import io.quarkus.arc.Unremovable;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

/**
 * Caps query depth and cost ({@link QueryCost}) before any resolver runs, over HTTP and over the
 * socket alike. SmallRye has limits too, but its errors carry no {@code extensions.code}; these
 * answer BAD_USER_INPUT on {@code query}, a refused cost with {@code extensions.cost} and
 * {@code maxCost}. They go in front of SmallRye's own instrumentation when the engine is built.
 */
@ApplicationScoped
@Unremovable // looked up by QueryLimitsHook, which CDI does not see
public class QueryLimits {

    private static final Logger LOG = Logger.getLogger(QueryLimits.class);

    private final ParleyConfig config;

    public QueryLimits(ParleyConfig config) {
        this.config = config;
    }

    /** Called by {@link QueryLimitsHook} as the engine is built. */
    void install(GraphQL.Builder builder) {
        Instrumentation smallRyes = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(
                new DepthLimit(config.graphql().maxDepth()),
                new CostLimit(new QueryCost(config.messages().maxDistinctReactions()), config.graphql().maxCost()),
                smallRyes)));
    }

    private static final class DepthLimit extends MaxQueryDepthInstrumentation {
        DepthLimit(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new Refused("Query depth " + depth + " exceeds the limit of " + maxDepth, Map.of());
        }
    }

    private static final class CostLimit extends SimplePerformantInstrumentation {
        private final QueryCost cost;
        private final long maxCost;

        CostLimit(QueryCost cost, long maxCost) {
            this.cost = cost;
            this.maxCost = maxCost;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            long operationCost = cost.of(parameters.getExecutionContext());
            LOG.debugf("Operation cost %d", operationCost);
            if (operationCost > maxCost) {
                throw new Refused("Query cost " + operationCost + " exceeds the limit of " + maxCost
                        + ": ask for smaller pages (first), fewer nested lists or fewer aliases",
                        Map.of("cost", Json.createValue(operationCost), "maxCost", Json.createValue(maxCost)));
            }
            return SimpleInstrumentationContext.noOp();
        }
    }

    private static final class Refused extends AbortExecutionException {
        private final Map<String, Object> extensions;

        Refused(String message, Map<String, Object> figures) {
            super(message);
            // SmallRye writes values that are not JSON values as strings; the figures are JSON numbers.
            extensions = new LinkedHashMap<>();
            extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
            extensions.put("field", "query");
            extensions.putAll(figures);
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }
    }
}
