package dev.parley.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * HTTP rules in front of the GraphQL endpoint that SmallRye GraphQL does not enforce itself:
 * <ul>
 * <li>CSRF: a POST whose body is not {@code application/json} or {@code application/graphql} is
 * refused (415). Browsers send form and text/plain posts cross-site without a preflight; JSON needs
 * one. See {@link GraphQLContentType} for how the header is read.</li>
 * <li>A JSON body that is not a GraphQL request is 400 with a GraphQL error ({@link GraphQLRequestBody}).</li>
 * <li>The SDL at {@code /graphql/schema.graphql} is served only while introspection is on.</li>
 * <li>GraphiQL is served only where {@code parley.graphql.ui-enabled} is on (dev, local run).</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLHttpGuards {

    private final boolean introspection;
    private final boolean ui;
    private final BodyHandler bodyHandler;

    public GraphQLHttpGuards(ParleyConfig config,
            @ConfigProperty(name = "quarkus.smallrye-graphql.field-visibility") String fieldVisibility,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.introspection = !"no-introspection".equals(fieldVisibility);
        this.ui = config.graphql().uiEnabled();
        // The body is read here, before the engine's own body handler (which then has nothing left to do),
        // under the same limit Quarkus applies.
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue());
    }

    void install(@Observes Router router) {
        // Two routes: Vert.x wants a body handler first on its route, and the media type is checked before any body is read.
        router.post("/graphql").order(-101).handler(GraphQLHttpGuards::refuseNonGraphQLBodies);
        router.post("/graphql").order(-100).handler(bodyHandler).handler(GraphQLHttpGuards::refuseMalformedRequests);
        if (!introspection) {
            router.get("/graphql/schema.graphql").order(-100).handler(GraphQLHttpGuards::notFound);
        }
        if (!ui) {
            router.route("/q/graphql-ui*").order(-100).handler(GraphQLHttpGuards::notFound);
        }
    }

    private static void refuseNonGraphQLBodies(RoutingContext context) {
        try {
            GraphQLContentType type = GraphQLContentType.of(context.request().getHeader(GraphQLContentType.HEADER));
            // The engine decodes the body with the charset Vert.x reads from the header, and Vert.x reads a list
            // as one media type ("application/json; charset=utf-8, application/json" has the charset
            // "utf-8, application/json"): so it is handed the one media type accepted here (UTF-8 is its default).
            context.request().headers().set(GraphQLContentType.HEADER, type.mediaType());
            context.next();
        } catch (RefusedRequest refused) {
            refused.answer(context);
        }
    }

    private static void refuseMalformedRequests(RoutingContext context) {
        try {
            if (GraphQLContentType.JSON.mediaType().equals(context.request().getHeader(GraphQLContentType.HEADER))) {
                GraphQLRequestBody.check(context.body().buffer());
            }
            context.next();
        } catch (RefusedRequest refused) {
            refused.answer(context);
        }
    }

    private static void notFound(RoutingContext context) {
        context.response().setStatusCode(404).end();
    }
}
