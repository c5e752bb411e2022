package dev.parley.channel;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("ChannelConnection")
public class ChannelConnection extends Connection<Channel, ChannelConnection.ChannelEdge> {

    public ChannelConnection(List<Channel> channels, boolean hasNextPage) {
        super(edges(channels, Channel::id, ChannelEdge::new), hasNextPage);
    }

    @Type("ChannelEdge")
    public static class ChannelEdge extends Edge<Channel> {
        ChannelEdge(String cursor, Channel node) {
            super(cursor, node);
        }
    }
}
