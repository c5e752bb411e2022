package dev.parley.platform.security;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The caller of the current HTTP request, from its {@code Authorization: Bearer} header, verified
 * once per request and only when an operation asks for it (so login works with a stale token).
 */
@RequestScoped
public class CurrentCaller {

    private static final String SIGNED_IN = "parley.signed-in";

    private final CurrentVertxRequest request;
    private final AccessTokens tokens;
    private Caller caller;

    public CurrentCaller(CurrentVertxRequest request, AccessTokens tokens) {
        this.request = request;
        this.tokens = tokens;
    }

    /** The verified caller, or UNAUTHENTICATED. */
    public Caller require() {
        if (caller == null) {
            caller = signedInThisRequest();
        }
        if (caller == null) {
            RoutingContext context = request.getCurrent();
            caller = tokens.verifyAuthorization(context == null ? null : context.request().getHeader("Authorization"));
        }
        return caller;
    }

    /** After a sign-in, the rest of this request acts as the person who just signed in. */
    public void signedIn(Caller signedIn) {
        this.caller = signedIn;
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(SIGNED_IN, signedIn);
        }
    }

    /**
     * Who signed in earlier in this HTTP request, kept also in the request's own Vert.x context: the
     * fields beneath register or login are resolved on other threads, and SmallRye GraphQL may resolve
     * a batch of them under a request context of its own, where this bean starts empty (seen in CI as
     * UNAUTHENTICATED on {@code register { workspace { role } } }).
     */
    private static Caller signedInThisRequest() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<Caller>get(SIGNED_IN).orElse(null) : null;
    }

    public String userId() {
        return require().userId();
    }

    /** The client's address (behind a trusted proxy, the forwarded one), for rate limits. */
    public String clientAddress() {
        RoutingContext context = request.getCurrent();
        if (context == null || context.request().remoteAddress() == null) {
            return "unknown";
        }
        return context.request().remoteAddress().hostAddress();
    }
}
