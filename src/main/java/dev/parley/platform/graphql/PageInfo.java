package dev.parley.platform.graphql;

import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

@Type("PageInfo")
public record PageInfo(boolean hasNextPage, @Nullable String endCursor) {
}
