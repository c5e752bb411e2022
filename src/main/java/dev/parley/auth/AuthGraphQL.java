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

@GraphQLApi
@ErrorBoundary
public class AuthGraphQL {

    private final AuthService auth;
    private final CurrentCaller caller;

    public AuthGraphQL(AuthService auth, CurrentCaller caller) {
        this.auth = auth;
        this.caller = caller;
    }

    @Mutation
    @Description("Creates an account, a workspace it owns, and the workspace's #general and #random channels.")
    public @NonNull AuthPayload register(@NonNull RegisterInput input) {
        return signedIn(auth.register(input, caller.clientAddress()));
    }

    @Mutation
    public @NonNull AuthPayload login(@NonNull String email, @NonNull String password) {
        return signedIn(auth.login(email, password, caller.clientAddress()));
    }

    @Mutation
    @Description("Rotates: the presented refresh token stops working; presenting a used one revokes the session.")
    public @NonNull AuthPayload refreshToken(@NonNull @Name("refreshToken") String refreshToken) {
        return signedIn(auth.refresh(refreshToken));
    }

    @Mutation
    @Description("Revokes the caller's access token and refresh family.")
    public boolean logout() {
        return auth.logout(caller.require());
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
