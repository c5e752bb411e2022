package dev.parley.notification;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("NotificationConnection")
public class NotificationConnection extends Connection<Notification, NotificationConnection.NotificationEdge> {

    public NotificationConnection(List<Notification> notifications, boolean hasNextPage) {
        super(edges(notifications, Notification::id, NotificationEdge::new), hasNextPage);
    }

    @Type("NotificationEdge")
    public static class NotificationEdge extends Edge<Notification> {
        NotificationEdge(String cursor, Notification node) {
            super(cursor, node);
        }
    }
}
