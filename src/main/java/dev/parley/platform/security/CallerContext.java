package dev.parley.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;

/**
 * A request context that acts for a given caller, for GraphQL work that no HTTP request carries:
 * operations over a WebSocket and each event a subscription delivers. Request-scoped caches
 * ({@code CallerMemberships}) start empty in each one, so a long subscription never sees stale data.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /**
     * Runs {@code work} on this thread in a request context of its own acting for {@code caller}, and
     * ends that context afterwards (request-scoped beans are destroyed): for blocking steps of work
     * that no GraphQL request carries, such as a form upload's.
     */
    public static <T> T run(Caller caller, java.util.concurrent.Callable<T> work) throws Exception {
        ManagedContext requests = Arc.container().requestContext();
        requests.activate();
        try {
            Arc.container().instance(CurrentCaller.class).get().signedIn(caller);
            return work.call();
        } finally {
            requests.terminate();
        }
    }

    public static ContextState fresh(Caller caller) {
        ManagedContext requests = Arc.container().requestContext();
        ContextState outer = requests.isActive() ? requests.getState() : null;
        if (outer != null) {
            requests.deactivate();
        }
        requests.activate();
        try {
            Arc.container().instance(CurrentCaller.class).get().signedIn(caller);
            return requests.getState();
        } finally {
            requests.deactivate();
            if (outer != null) {
                requests.activate(outer);
            }
        }
    }
}
