package dev.parley.workspace;

import org.eclipse.microprofile.graphql.Input;

import io.smallrye.graphql.api.Nullable;

@Input("InviteInput")
public record InviteInput(@Nullable String email, @Nullable Integer expiresInHours, @Nullable Integer maxUses) {
}
