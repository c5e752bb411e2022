package dev.parley.workspace;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateWorkspaceInput")
public record WorkspaceInput(@NonNull String name) {
}
