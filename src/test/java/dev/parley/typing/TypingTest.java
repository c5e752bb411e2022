package dev.parley.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.redis.LiveBus;
import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.TopicRecorder;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TypingTest {

    private static final String START = "mutation($c: ID!, $t: ID) { startTyping(channelId: $c, threadId: $t) }";

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void aMembersTypingIsPublishedOnceWithItsExpiry() {
        Teams.Team team = Teams.withMembers(1);
        Account bob = team.member(0);
        String general = WorkspaceOps.channelId(bob, team.workspaceId(), "general");
        String root = Messages.post(team.owner(), general, "lunch?");
        try (TopicRecorder topic = TopicRecorder.listen(redis, LiveBus.typingTopic(general))) {
            Instant before = Instant.now();
            assertEquals(true, start(bob, general, root).data("startTyping"));
            start(team.owner(), general, null).assertNoErrors(); // the sentinel: published after bob's, and only once
            List<String> events = topic.awaitAtLeast(2, Duration.ofSeconds(5));
            assertEquals(List.of(bob.userId(), team.owner().userId()), typists(general, events), "bob's published once");
            TypingEvent event = TypingEvent.decode(general, events.get(0));
            assertEquals(general, event.channelId());
            assertEquals(root, event.threadId());
            assertEquals(bob.userId(), event.userId());
            long ahead = Duration.between(before, event.expiresAt()).toMillis();
            assertTrue(ahead >= 4_900 && ahead <= 6_000, "expires about 5 s ahead: " + ahead + " ms");
        }
    }

    @Test
    void typingIsPublishedAtMostOncePerHalfItsLifetimeAndEveryCallIsAnsweredTrue() {
        Teams.Team team = Teams.withMembers(2);
        Account ada = team.owner(), bob = team.member(0), cy = team.member(1); // bob and cy type once each: the sentinels
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        try (TopicRecorder topic = TopicRecorder.listen(redis, LiveBus.typingTopic(general))) {
            // Five keystrokes at once (sequential calls on a slow machine could outlast the window).
            List<CompletableFuture<Object>> keystrokes = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(ada, general, null).data("startTyping"))).toList();
            keystrokes.forEach(answer -> assertEquals(true, answer.join()));
            start(bob, general, null).assertNoErrors();
            List<String> published = topic.awaitAtLeast(2, Duration.ofSeconds(5));
            assertEquals(List.of(ada.userId(), bob.userId()), typists(general, published), "keystrokes in quick succession publish once");
            assertNull(TypingEvent.decode(general, published.get(0)).threadId());

            TopicRecorder.sleep(Duration.ofMillis(2_600)); // the indicator would lapse at 5 s: the next call refreshes it
            assertEquals(true, start(ada, general, null).data("startTyping"));
            start(cy, general, null).assertNoErrors();
            assertEquals(List.of(ada.userId(), bob.userId(), ada.userId(), cy.userId()),
                    typists(general, topic.awaitAtLeast(4, Duration.ofSeconds(5))));
        }
    }

    @Test
    void someoneOutsideTheChannelCannotTypeThereAndNothingIsPublished() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner();
        Account bob = team.member(0);
        Account stranger = Accounts.register();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String secret = Teams.channel(ada, team.workspaceId(), Teams.channelName("secret"), true);
        String open = Teams.channel(ada, team.workspaceId(), Teams.channelName("open"), false);
        try (TopicRecorder generalTopic = TopicRecorder.listen(redis, LiveBus.typingTopic(general));
                TopicRecorder secretTopic = TopicRecorder.listen(redis, LiveBus.typingTopic(secret));
                TopicRecorder openTopic = TopicRecorder.listen(redis, LiveBus.typingTopic(open))) {
            assertEquals("NOT_FOUND", start(stranger, general, null).errorCode(), "not in the workspace");
            assertEquals("NOT_FOUND", start(bob, secret, null).errorCode(), "a private channel bob is not in");
            assertEquals("FORBIDDEN", start(bob, open, null).errorCode(), "a public channel bob has not joined, as for sending");
            GraphQLClient.Result badThread = start(bob, general, "nope");
            assertEquals("BAD_USER_INPUT", badThread.errorCode());
            assertEquals("threadId", badThread.errorExtension("field"));
            assertEquals("NOT_FOUND", start(bob, Accounts.register().workspaceId(), null).errorCode(), "not a channel at all");

            // Sentinels: ada may type in all three, after the refused calls; hers must be the first published there.
            for (String channel : List.of(general, secret, open)) {
                start(ada, channel, null).assertNoErrors();
            }
            assertEquals(List.of(ada.userId()), typists(general, generalTopic.awaitAtLeast(1, Duration.ofSeconds(5))));
            assertEquals(List.of(ada.userId()), typists(secret, secretTopic.awaitAtLeast(1, Duration.ofSeconds(5))));
            assertEquals(List.of(ada.userId()), typists(open, openTopic.awaitAtLeast(1, Duration.ofSeconds(5))));
        }
    }

    private static List<String> typists(String channelId, List<String> payloads) {
        return payloads.stream().map(payload -> TypingEvent.decode(channelId, payload).userId()).toList();
    }

    private static GraphQLClient.Result start(Account who, String channelId, String threadId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("c", channelId);
        variables.put("t", threadId);
        return who.client().execute(START, variables);
    }
}
