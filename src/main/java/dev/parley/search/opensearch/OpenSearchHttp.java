package dev.parley.search.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vertx.core.json.JsonObject;

/**
 * OpenSearch's REST API over the JDK's HTTP client: JSON in, JSON out, nothing to configure but the
 * node's URL (no client library: nothing on the native-image path beyond the JDK and Vert.x's JSON).
 */
final class OpenSearchHttp {

    /** An answer with its status, the body as JSON (empty when there was none). */
    record Answer(int status, JsonObject body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OpenSearchHttp(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    Answer send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text == null || text.isBlank() ? new JsonObject() : new JsonObject(text));
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch at " + base + " did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer send(String method, String path, JsonObject body) {
        return send(method, path, body == null ? null : body.encode(), "application/json");
    }

    /** As {@link #send}, failing unless the answer is a success. */
    JsonObject require(String method, String path, JsonObject body) {
        Answer answer = send(method, path, body);
        return checked(method, path, answer);
    }

    static JsonObject checked(String method, String path, Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("OpenSearch refused " + method + " " + path + ": " + answer.status() + " " + answer.body().encode());
        }
        return answer.body();
    }
}
