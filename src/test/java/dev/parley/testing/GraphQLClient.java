package dev.parley.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Sends GraphQL operations over HTTP as a client would. Each request comes from a random client
 * address (X-Forwarded-For, trusted in tests) unless one is given, so per-address rate limits of
 * unrelated tests do not add up.
 */
public final class GraphQLClient {

    private final String token;
    private final String clientAddress;
    /** Another instance's port (a second pod); 0 for the instance under test. */
    private final int port;

    private GraphQLClient(String token, String clientAddress, int port) {
        this.token = token;
        this.clientAddress = clientAddress;
        this.port = port;
    }

    private GraphQLClient(String token, String clientAddress) {
        this(token, clientAddress, 0);
    }

    public static GraphQLClient anonymous() {
        return new GraphQLClient(null, null);
    }

    public static GraphQLClient withToken(String token) {
        return new GraphQLClient(token, null);
    }

    public GraphQLClient fromAddress(String address) {
        return new GraphQLClient(token, address, port);
    }

    /** The same client, talking to the instance on this port (see SecondInstance). */
    public GraphQLClient onPort(int otherPort) {
        return new GraphQLClient(token, clientAddress, otherPort);
    }

    public Result execute(String query) {
        return execute(query, Map.of());
    }

    public Result execute(String query, Map<String, Object> variables) {
        RequestSpecification request = given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress != null ? clientAddress : randomAddress())
                .body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (port != 0) {
            request.port(port);
        }
        return new Result(JsonPath.from(request.post("/graphql").then().statusCode(200).extract().asString()));
    }

    /** A client address of its own (sent as X-Forwarded-For), so per-address limits of unrelated requests do not add up. */
    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A GraphQL response: data, or errors with their extensions. */
    public record Result(JsonPath json) {

        public Object data(String path) {
            assertNoErrors();
            return json.get("data." + path);
        }

        public String string(String path) {
            return (String) data(path);
        }

        public String errorCode() {
            return json.getString("errors[0].extensions.code");
        }

        public Object errorExtension(String name) {
            return json.get("errors[0].extensions." + name);
        }

        public String errorMessage() {
            return json.getString("errors[0].message");
        }

        public boolean hasErrors() {
            return json.getList("errors") != null && !json.getList("errors").isEmpty();
        }

        public Result assertNoErrors() {
            if (hasErrors()) {
                throw new AssertionError("unexpected GraphQL errors: " + json.prettify());
            }
            return this;
        }
    }
}
