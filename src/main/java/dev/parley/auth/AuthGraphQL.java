package dev.parley.auth;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ErrorBoundary
public class AuthGraphQL {

    private final AuthService auth;
    private final SessionService sessions;
    private final CurrentCaller caller;

    public AuthGraphQL(AuthService auth, SessionService sessions, CurrentCaller caller) {
        this.auth = auth;
        this.sessions = sessions;
        this.caller = caller;
    }

    @Mutation
    @Description("Creates an account, a workspace it owns, and the workspace's #general and #random channels.")
    public @NonNull AuthPayload register(@NonNull RegisterInput input) {
        return signedIn(auth.register(input, caller.clientAddress()));
    }

    /**
     * Non-blocking (runs on the event loop and returns at once); AuthService moves the work to worker
     * threads. The request's own CurrentCaller is taken here, where its context is active.
     */
    @Mutation
    public @NonNull Uni<AuthPayload> login(@NonNull String email, @NonNull String password) {
        CurrentCaller thisRequest = ClientProxy.unwrap(caller);
        return auth.login(email, password, caller.clientAddress()).invoke(payload -> thisRequest.signedIn(payload.caller()));
    }

    @Mutation
    @Description("Rotates: the presented refresh token stops working. Presenting it again within a short grace "
            + "window answers with the same new refresh token; after that, or once that one was used, it revokes the session.")
    public @NonNull AuthPayload refreshToken(@NonNull @Name("refreshToken") String refreshToken) {
        return signedIn(sessions.refresh(refreshToken));
    }

    @Mutation
    @Description("Revokes the caller's access token and refresh family.")
    public boolean logout() {
        return sessions.logout(caller.require());
    }

    private AuthPayload signedIn(AuthPayload payload) {
        caller.signedIn(payload.caller());
        return payload;
    }

    @Query
    @Description("The signed-in user: the session check.")
    public @NonNull User me() {
        return auth.me(caller.require());
    }
}
