package dev.parley.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.platform.config.ParleyConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /admin/search/rebuild} with {@code Authorization: Bearer <parley.search.rebuild-token>}:
 * rebuilds the index from DynamoDB (this pod's, with Lucene; the shared one, with OpenSearch) and
 * answers when done with how many messages it read; 409 while one runs. Absent without a token.
 */
@ApplicationScoped
public class SearchRebuildRoute {

    private final SearchStartup search;
    private final Optional<String> token;

    public SearchRebuildRoute(SearchStartup search, ParleyConfig config) {
        this.search = search;
        this.token = config.search().rebuildToken().filter(t -> !t.isBlank());
    }

    void install(@Observes Router router) {
        if (token.isPresent()) {
            router.post("/admin/search/rebuild").blockingHandler(this::rebuild, false);
        }
    }

    private void rebuild(RoutingContext context) {
        String given = context.request().getHeader("Authorization");
        byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            context.response().setStatusCode(401).end();
            return;
        }
        long count = search.rebuildNow();
        if (count < 0) {
            context.response().setStatusCode(409).putHeader("Content-Type", "application/json").end("{\"rebuilding\":true}");
            return;
        }
        context.response().putHeader("Content-Type", "application/json").end("{\"messages\":" + count + "}");
    }
}
