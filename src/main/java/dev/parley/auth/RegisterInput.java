package dev.parley.auth;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RegisterInput")
public record RegisterInput(@NonNull String email, @NonNull String password, @NonNull String name,
        @NonNull String workspaceName) {
}
