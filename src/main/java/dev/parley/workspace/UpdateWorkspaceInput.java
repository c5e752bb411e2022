package dev.parley.workspace;

import org.eclipse.microprofile.graphql.Input;

import io.smallrye.graphql.api.Nullable;

@Input("UpdateWorkspaceInput")
public record UpdateWorkspaceInput(@Nullable String name) {
}
