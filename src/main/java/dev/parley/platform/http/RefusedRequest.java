package dev.parley.platform.http;

import dev.parley.platform.graphql.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A POST to /graphql refused before the GraphQL engine sees it: the HTTP status and the GraphQL
 * error (BAD_USER_INPUT naming the offending part of the request) it is answered with.
 */
final class RefusedRequest extends RuntimeException {

    private final int status;
    private final String field;

    RefusedRequest(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    void answer(RoutingContext context) {
        JsonObject error = new JsonObject().put("message", getMessage())
                .put("extensions", new JsonObject().put("code", ErrorCode.BAD_USER_INPUT.name()).put("field", field));
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
