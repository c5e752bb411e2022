package dev.parley.platform.graphql;

import graphql.GraphQL;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;

/**
 * Puts {@link QueryLimits} into the GraphQL engine as SmallRye builds it, through SmallRye's eventing
 * SPI (found by {@link java.util.ServiceLoader}, always on). Not through SmallRye's CDI events
 * ({@code quarkus.smallrye-graphql.events.enabled}): those fire several CDI events for every field
 * of every execution, each resolving its observers anew, which cost history pages and every live
 * rendering more than their resolvers.
 */
public final class QueryLimitsHook implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Arc.container().instance(QueryLimits.class).get().install(builder);
        return builder;
    }
}
