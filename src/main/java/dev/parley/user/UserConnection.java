package dev.parley.user;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("UserConnection")
public class UserConnection extends Connection<User, UserConnection.UserEdge> {

    public UserConnection(List<User> users, boolean hasNextPage) {
        super(edges(users, User::id, UserEdge::new), hasNextPage);
    }

    @Type("UserEdge")
    public static class UserEdge extends Edge<User> {
        UserEdge(String cursor, User node) {
            super(cursor, node);
        }
    }
}
