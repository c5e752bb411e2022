package dev.parley.workspace;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import io.smallrye.graphql.api.Nullable;

@Input("UpdateWorkspaceInput")
public record UpdateWorkspaceInput(@Nullable String name,
        @Nullable @Id @Description("An image you uploaded and completed (not attached to a message); empty removes the icon.")
        String iconFileId) {
}
