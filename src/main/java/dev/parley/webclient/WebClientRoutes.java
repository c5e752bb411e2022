package dev.parley.webclient;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.parley.platform.config.ParleyConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The reference web client: its page ({@code /}) and assets ({@code /app/}) are static resources
 * (META-INF/resources); this puts its security headers on them, serves {@code /app/features.json},
 * and answers 404 for all of it when {@code parley.web-client.enabled} is off. Other paths (GraphiQL,
 * the API) keep their own headers.
 */
@ApplicationScoped
public class WebClientRoutes {

    /** Ahead of Quarkus's static resources. */
    private static final int ORDER = -100;
    private static final String PAGE = "^/(index\\.html)?$", ASSETS = "/app/*";

    private final boolean enabled;
    private final ContentSecurityPolicy policy;
    private final ServerFeatures features;

    public WebClientRoutes(ParleyConfig config, ServerFeatures features,
            @ConfigProperty(name = "quarkus.s3.endpoint-override") Optional<String> s3Endpoint,
            @ConfigProperty(name = "quarkus.s3.aws.region") String region) {
        this.enabled = config.webClient().enabled();
        this.policy = ContentSecurityPolicy.of(config, s3Endpoint, region);
        this.features = features;
    }

    void install(@Observes Router router) {
        if (!enabled) {
            router.routeWithRegex(PAGE).order(ORDER).handler(WebClientRoutes::notFound);
            router.route(ASSETS).order(ORDER).handler(WebClientRoutes::notFound);
            return;
        }
        router.routeWithRegex(PAGE).order(ORDER).handler(this::secured);
        router.route(ASSETS).order(ORDER).handler(this::secured);
        router.get("/app/features.json").order(ORDER + 1).handler(this::features);
    }

    private void secured(RoutingContext context) {
        context.response().headers()
                .set("Content-Security-Policy", policy.header())
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                // Revalidate on every load (ETag), so a new version of the client is picked up at once.
                .set(HttpHeaders.CACHE_CONTROL, "no-cache");
        context.next();
    }

    private void features(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(features.json());
    }

    private static void notFound(RoutingContext context) {
        context.response().setStatusCode(404).end();
    }
}
