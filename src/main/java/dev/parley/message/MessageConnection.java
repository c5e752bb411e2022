package dev.parley.message;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("MessageConnection")
public class MessageConnection extends Connection<Message, MessageConnection.MessageEdge> {

    public MessageConnection(List<Message> messages, boolean hasNextPage) {
        super(edges(messages, Message::id, MessageEdge::new), hasNextPage);
    }

    @Type("MessageEdge")
    public static class MessageEdge extends Edge<Message> {
        MessageEdge(String cursor, Message node) {
            super(cursor, node);
        }
    }
}
