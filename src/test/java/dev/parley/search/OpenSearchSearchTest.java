package dev.parley.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Every behaviour of {@link SearchTest}, on the shared engine: a real OpenSearch node. */
@QuarkusTest
@TestProfile(OpenSearchSearchTest.OnOpenSearch.class)
class OpenSearchSearchTest extends SearchTest {

    public static class OnOpenSearch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.search.engine", "opensearch", "parley.search.opensearch-url", OpenSearchNode.url(),
                    "parley.search.opensearch-index", "parley-test-" + UUID.randomUUID());
        }
    }

    @Inject
    SearchIndex index;

    /** The API re-checks every hit, so this asks the index itself: a deleted message's text and files leave it. */
    @Test
    void aDeletedMessageLeavesTheIndexWithItsFiles() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String channel = "C" + word;
        IndexedMessage message = new IndexedMessage("M" + word, channel, "U" + word, word + " the plan", Instant.now().minusSeconds(5), false,
                List.of(new IndexedMessage.IndexedFile("F" + word, word + "-plan.pdf")), 1);
        index.index(List.of(message));
        index.flush();
        assertEquals(1, found(SearchKind.MESSAGE, word, channel));
        assertEquals(1, found(SearchKind.FILE, word, channel));

        index.index(List.of(new IndexedMessage(message.id(), channel, message.authorId(), "", message.createdAt(), true, List.of(), 2)));
        index.flush();
        assertEquals(0, found(SearchKind.MESSAGE, word, channel));
        assertEquals(0, found(SearchKind.FILE, word, channel));
    }

    /** Pods share the index: a late write for an older event (a lease handed over meanwhile) never puts back older text. */
    @Test
    void aLateWriteOfAnOlderVersionLeavesTheNewerText() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String channel = "C" + word;
        String id = "M" + word;
        Instant at = Instant.now().minusSeconds(5);
        index.index(List.of(new IndexedMessage(id, channel, "U" + word, word + " edited", at, false, List.of(), 7)));
        index.index(List.of(new IndexedMessage(id, channel, "U" + word, word + " original", at, false, List.of(), 5)));
        index.flush();
        assertEquals(1, found(SearchKind.MESSAGE, "edited", channel));
        assertEquals(0, found(SearchKind.MESSAGE, "original", channel));

        index.index(List.of(new IndexedMessage(id, channel, "U" + word, "", at, true, List.of(), 9)));
        index.index(List.of(new IndexedMessage(id, channel, "U" + word, word + " edited", at, false, List.of(), 7)));
        index.flush();
        assertEquals(0, found(SearchKind.MESSAGE, word, channel), "a delete is not undone by a late write either");
    }

    private int found(SearchKind kind, String word, String channel) {
        return index.search(new MessageQuery(kind, List.of(word), List.of(), List.of(), Set.of(channel), Set.of(), null, null, false), 10, null)
                .hits().size();
    }

    /**
     * OpenSearch makes a write searchable at its next refresh, in a process of its own that shares the
     * CI machine's two cores with DynamoDB Local, Redis and the app; under that load a refresh can take
     * over a second. bench/run-search measures the real figure.
     */
    @Override
    protected Duration freshness() {
        return Duration.ofSeconds(3);
    }
}
