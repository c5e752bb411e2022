package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The messaging benchmarks' client side: GraphQL over HTTP as a client would send it, and load from several threads. */
final class BenchClient {

    static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }";
    /** A message text of typical chat length; the baseline items carry the same text. */
    static final String TEXT = "Benchmark message: the quick brown fox jumps over the lazy dog, then reads the channel history again.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI graphql;

    BenchClient(URI graphql) {
        this.graphql = graphql;
    }

    /** One operation by client {@code client} (0-based); throws when it did not succeed. */
    interface Operation {
        void run(int client) throws Exception;
    }

    static String body(String query, String variablesJson) {
        return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"variables\":" + variablesJson + "}";
    }

    static String sendBody(String channelId) {
        return body(SEND, "{\"i\":{\"channelId\":\"" + channelId + "\",\"text\":\"" + TEXT + "\",\"clientMessageId\":\"" + UUID.randomUUID()
                + "\"}}");
    }

    /** POSTs a GraphQL request; returns the body, or throws on an HTTP or GraphQL error. */
    String post(String token, String body) {
        HttpResponse<String> response = exchange(token, body);
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("GraphQL request failed (HTTP " + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }

    /** POSTs a GraphQL request; returns the body whatever it says (throws only when there is no HTTP 200 answer). */
    String tryPost(String token, String body) {
        HttpResponse<String> response = exchange(token, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> exchange(String token, String body) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code total} operations spread over {@code clients} threads; returns the wall time in nanoseconds. */
    static long runConcurrent(int clients, int total, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            AtomicInteger remaining = new AtomicInteger(total);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        operation.run(client);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    static void time(Runnable operation, long[] into, int from, int to) {
        for (int i = from; i < to; i++) {
            long start = System.nanoTime();
            operation.run();
            into[i] = System.nanoTime() - start;
        }
    }
}
