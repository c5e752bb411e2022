package dev.parley.platform.http;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.parley.platform.config.ParleyConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP rules in front of the GraphQL endpoint that SmallRye GraphQL does not enforce itself:
 * <ul>
 * <li>CSRF: a POST whose body is not {@code application/json} or {@code application/graphql} is
 * refused. Browsers send form and text/plain posts cross-site without a preflight; JSON needs one.</li>
 * <li>The SDL at {@code /graphql/schema.graphql} is served only while introspection is on.</li>
 * <li>GraphiQL is served only where {@code parley.graphql.ui-enabled} is on (dev, local run).</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLHttpGuards {

    private static final Set<String> GRAPHQL_BODY_TYPES = Set.of("application/json", "application/graphql");
    private static final String REFUSED_BODY = "{\"errors\":[{\"message\":\"Send GraphQL requests as application/json\","
            + "\"extensions\":{\"code\":\"BAD_USER_INPUT\",\"field\":\"Content-Type\"}}]}";

    private final boolean introspection;
    private final boolean ui;

    public GraphQLHttpGuards(ParleyConfig config,
            @ConfigProperty(name = "quarkus.smallrye-graphql.field-visibility") String fieldVisibility) {
        this.introspection = !"no-introspection".equals(fieldVisibility);
        this.ui = config.graphql().uiEnabled();
    }

    void install(@Observes Router router) {
        router.post("/graphql").order(-100).handler(this::refuseNonGraphQLBodies);
        if (!introspection) {
            router.get("/graphql/schema.graphql").order(-100).handler(GraphQLHttpGuards::notFound);
        }
        if (!ui) {
            router.route("/q/graphql-ui*").order(-100).handler(GraphQLHttpGuards::notFound);
        }
    }

    private void refuseNonGraphQLBodies(RoutingContext context) {
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
        if (GRAPHQL_BODY_TYPES.contains(mediaType)) {
            context.next();
            return;
        }
        context.response().setStatusCode(415)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(REFUSED_BODY);
    }

    private static void notFound(RoutingContext context) {
        context.response().setStatusCode(404).end();
    }
}
