package dev.parley.platform.graphql;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.NonNull;

/**
 * A Relay connection page. Each GraphQL connection type is a small subclass naming its node type
 * (e.g. {@code ChannelConnection extends Connection<Channel>}), since GraphQL has no generics.
 */
public abstract class Connection<T, E extends Edge<T>> {

    private final List<E> edges;
    private final PageInfo pageInfo;

    protected Connection(List<E> edges, boolean hasNextPage) {
        this.edges = edges;
        this.pageInfo = new PageInfo(hasNextPage, edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor());
    }

    public @NonNull List<@NonNull E> getEdges() {
        return edges;
    }

    public @NonNull List<@NonNull T> getNodes() {
        return edges.stream().map(Edge::getNode).toList();
    }

    public @NonNull PageInfo getPageInfo() {
        return pageInfo;
    }

    /** Builds the edges of a page: each node's cursor encodes the key it was read at. */
    protected static <T, E> List<E> edges(List<T> nodes, Function<T, String> sortKey, EdgeFactory<T, E> edge) {
        return nodes.stream().map(node -> edge.create(Cursors.encode(sortKey.apply(node)), node)).toList();
    }

    @FunctionalInterface
    protected interface EdgeFactory<T, E> {
        E create(String cursor, T node);
    }
}
