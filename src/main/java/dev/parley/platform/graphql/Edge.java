package dev.parley.platform.graphql;

import org.eclipse.microprofile.graphql.NonNull;

public abstract class Edge<T> {

    private final String cursor;
    private final T node;

    protected Edge(String cursor, T node) {
        this.cursor = cursor;
        this.node = node;
    }

    public @NonNull String getCursor() {
        return cursor;
    }

    public @NonNull T getNode() {
        return node;
    }
}
