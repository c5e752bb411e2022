package dev.parley.search;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class SearchGraphQL {

    private final SearchService search;
    private final CurrentCaller caller;

    public SearchGraphQL(SearchService search, CurrentCaller caller) {
        this.search = search;
        this.caller = caller;
    }

    @Query
    @Description("Only what the caller may read. kinds defaults to [MESSAGE]; channels, people, files and messages come in that order."
            + " Message queries understand in:#channel, from:<@userId> or from:@name, before:/after:/on:YYYY-MM-DD (the caller's time zone),"
            + " \"exact phrase\", -excluded and has:file. Best matches first, newer first among equals; first is at most 100.")
    public @NonNull SearchResultConnection search(@NonNull @Id String workspaceId, @NonNull String query, @Nullable List<@NonNull SearchKind> kinds,
            @Nullable Integer first, @Nullable String after) {
        return search.search(caller.userId(), workspaceId, query, kinds, first, after);
    }
}
