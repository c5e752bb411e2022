package dev.parley.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;

/** Searching through the public API, and waiting for the index to catch up (it does within a second). */
final class Searches {

    static final String SEARCH = "query($w: ID!, $q: String!, $k: [SearchKind!], $f: Int, $a: String) {"
            + " search(workspaceId: $w, query: $q, kinds: $k, first: $f, after: $a) {"
            + " edges { cursor node { kind snippet highlights { start length } message { id text channel { id } } file { id name }"
            + " user { id } channel { id name } } } pageInfo { hasNextPage endCursor } } }";

    private Searches() {
    }

    static GraphQLClient.Result run(Accounts.Account who, String workspaceId, String query, List<String> kinds, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>(Map.of("w", workspaceId, "q", query));
        if (kinds != null) {
            variables.put("k", kinds);
        }
        if (first != null) {
            variables.put("f", first);
        }
        if (after != null) {
            variables.put("a", after);
        }
        return who.client().execute(SEARCH, variables);
    }

    /** The ids of the messages found (first page of 100). */
    static List<String> messageIds(Accounts.Account who, String workspaceId, String query) {
        GraphQLClient.Result result = run(who, workspaceId, query, List.of("MESSAGE"), 100, null).assertNoErrors();
        List<String> ids = result.json().getList("data.search.edges.node.message.id", String.class);
        return ids == null ? List.of() : new ArrayList<>(ids);
    }

    /**
     * Waits until the service's search start-up is over. A new index (OpenSearch's is new per run) is
     * rebuilt then from every message the suite has stored so far; while those bulk writes run, a new
     * message can take seconds to become searchable, and the rebuild command answers 409.
     */
    static void afterStartUp(SearchStartup startup) {
        try {
            startup.whenStarted().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("search start-up did not finish", e);
        }
    }

    /** Searches until the ids found satisfy {@code done} (at most {@code timeout}); returns them. */
    static List<String> until(Accounts.Account who, String workspaceId, String query, Predicate<List<String>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> ids = messageIds(who, workspaceId, query);
            if (done.test(ids)) {
                return ids;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("search for " + query + " still gives " + ids + " after " + timeout);
            }
            sleep(25);
        }
    }

    /** Searches until {@code id} is among the results. */
    static List<String> untilFound(Accounts.Account who, String workspaceId, String query, String id) {
        return until(who, workspaceId, query, ids -> ids.contains(id), Duration.ofSeconds(5));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
