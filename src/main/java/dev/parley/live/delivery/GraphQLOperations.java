package dev.parley.live.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import dev.parley.platform.security.Caller;
import dev.parley.platform.security.CallerContext;
import graphql.execution.SubscriptionExecutionStrategy;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * Runs an operation that arrived over a socket through SmallRye GraphQL, exactly as over HTTP
 * (same schema, limits and resolvers), acting for the socket's caller.
 */
@ApplicationScoped
public class GraphQLOperations {

    /** Context keys: the one event to render (shared execution), and the socket operation that writes rendered events. */
    public static final String RENDER = "parley.render", OUTLET = "parley.outlet";

    /** Context keys Quarkus's data fetchers read: run resolvers on this thread, in this request context. */
    private static final String RUN_BLOCKING = "runBlocking", REQUEST_STATE = "state";

    private final Instance<ExecutionService> executionService;

    public GraphQLOperations(Instance<ExecutionService> executionService) {
        this.executionService = executionService;
    }

    public void execute(JsonObject request, Caller caller, ExecutionResponseWriter writer) {
        execute(request, caller, writer, Map.of());
    }

    /** As {@link #execute(JsonObject, Caller, ExecutionResponseWriter)}, with these entries in the GraphQL context too. */
    public void execute(JsonObject request, Caller caller, ExecutionResponseWriter writer, Map<String, Object> extra) {
        ContextState state = CallerContext.fresh(caller);
        Map<String, Object> context = new ConcurrentHashMap<>();
        context.put(RUN_BLOCKING, true);
        context.put(REQUEST_STATE, state);
        context.put("httpHeaders", Map.of());
        context.putAll(extra);
        // graphql-java maps a subscription's events unordered by default: an event whose fields take
        // longer (a slow batch read) would be overtaken by the ones after it, and come after a later cursor.
        context.put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
        // Quarkus's data fetchers reactivate the state themselves, but SmallRye's streaming one (the
        // subscription's root field) does not: the subscription method runs in whatever is active.
        ManagedContext requests = Arc.container().requestContext();
        requests.activate(state);
        try {
            executionService.get().executeSync(request, context, writer);
        } finally {
            requests.deactivate();
            // The resolvers leave SmallRye's context (the whole execution: its input, DataLoaders, result)
            // in a thread local; its HTTP handler clears it, and so must we, or every worker and event
            // loop thread keeps its last execution alive (200 of them after a burst of sockets).
            SmallRyeContextManager.clearCurrentSmallRyeContext();
        }
    }

    /** Makes the resolvers of the next event act in a fresh request context (see {@link CallerContext}). */
    public static void freshRequestFor(graphql.GraphQLContext context, Caller caller) {
        context.put(REQUEST_STATE, CallerContext.fresh(caller));
    }
}
