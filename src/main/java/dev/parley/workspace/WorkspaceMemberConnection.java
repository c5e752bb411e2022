package dev.parley.workspace;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("WorkspaceMemberConnection")
public class WorkspaceMemberConnection extends Connection<WorkspaceMember, WorkspaceMemberConnection.WorkspaceMemberEdge> {

    public WorkspaceMemberConnection(List<WorkspaceMember> members, boolean hasNextPage) {
        super(edges(members, WorkspaceMember::userId, WorkspaceMemberEdge::new), hasNextPage);
    }

    @Type("WorkspaceMemberEdge")
    public static class WorkspaceMemberEdge extends Edge<WorkspaceMember> {
        WorkspaceMemberEdge(String cursor, WorkspaceMember node) {
            super(cursor, node);
        }
    }
}
