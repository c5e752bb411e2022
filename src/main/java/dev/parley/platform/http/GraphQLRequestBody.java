package dev.parley.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * A JSON body must be a GraphQL-over-HTTP request: an object whose {@code query} is a string, with
 * {@code operationName} a string and {@code variables} and {@code extensions} objects where given.
 * Anything else is 400 (the GraphQL engine would answer 200 with "Unparseable request", or run
 * the object that precedes trailing garbage).
 */
final class GraphQLRequestBody {

    private GraphQLRequestBody() {
    }

    static void check(Buffer body) {
        Object parsed;
        try {
            parsed = Json.decodeValue(body == null ? Buffer.buffer() : body);
        } catch (DecodeException notJson) {
            throw new RefusedRequest(400, "body", "The request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject request)) {
            throw new RefusedRequest(400, "body", "The request body must be a JSON object with a query");
        }
        if (!(request.getValue("query") instanceof String)) {
            throw new RefusedRequest(400, "query", "query must be a string holding the GraphQL document");
        }
        requireNullOr(request, "operationName", String.class, "a string");
        requireNullOr(request, "variables", JsonObject.class, "an object");
        requireNullOr(request, "extensions", JsonObject.class, "an object");
    }

    private static void requireNullOr(JsonObject request, String member, Class<?> type, String what) {
        Object value = request.getValue(member);
        if (value != null && !type.isInstance(value)) {
            throw new RefusedRequest(400, member, member + " must be " + what);
        }
    }
}
