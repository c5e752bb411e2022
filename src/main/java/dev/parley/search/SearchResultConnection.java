package dev.parley.search;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import dev.parley.platform.graphql.Connection;
import dev.parley.platform.graphql.Edge;

@Type("SearchResultConnection")
public class SearchResultConnection extends Connection<SearchResult, SearchResultConnection.SearchResultEdge> {

    public SearchResultConnection(List<SearchResultEdge> edges, boolean hasNextPage) {
        super(edges, hasNextPage);
    }

    @Type("SearchResultEdge")
    public static class SearchResultEdge extends Edge<SearchResult> {
        public SearchResultEdge(String cursor, SearchResult node) {
            super(cursor, node);
        }
    }
}
