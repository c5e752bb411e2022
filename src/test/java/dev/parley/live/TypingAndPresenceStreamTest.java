package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.live.feed.ChannelFeeds;
import dev.parley.platform.redis.RedisTopics;
import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Typing and presence over the socket: who gets them, what they say, and when they end. */
@QuarkusTest
class TypingAndPresenceStreamTest {

    @Inject
    ChannelFeeds feeds;

    @Inject
    RedisTopics topics;

    private static final String START_TYPING = "mutation($c: ID!) { startTyping(channelId: $c) }";

    @Test
    void oneTypingNoticeReachesEachOfThreeSocketsOfOnePersonExactlyOnce() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        List<SocketClient> bobs = List.of(SocketClient.connect().signIn(bob.accessToken()),
                SocketClient.connect().signIn(bob.accessToken()), SocketClient.connect().signIn(bob.accessToken()));
        try {
            for (SocketClient socket : bobs) {
                socket.subscribe("e", "subscription { events { type message { id } typing { user { id } } } }");
                socket.awaitLive(() -> dev.parley.testing.Messages.post(ann, general, "probe"), "e");
            }
            for (SocketClient socket : bobs) {
                socket.drain(Duration.ofMillis(300)); // the last probes
            }
            ann.client().execute(START_TYPING, Map.of("c", general));
            dev.parley.testing.Messages.post(ann, general, "after typing");
            for (SocketClient socket : bobs) {
                // The typing and the message come on different topics; either may be handed on first.
                List<String> two = List.of(socket.nextSkippingPings(), socket.nextSkippingPings()).stream()
                        .map(m -> m.getString("payload.data.events.type")).sorted().toList();
                assertEquals(List.of("MESSAGE_CREATED", "TYPING"), two);
            }
            String sentinel = dev.parley.testing.Messages.post(ann, general, "sentinel");
            for (SocketClient socket : bobs) {
                socket.assertNextIs("the sentinel, no second typing", SocketClient.nextWith("e", "events.message.id", sentinel));
            }
        } finally {
            bobs.forEach(SocketClient::close);
        }
    }

    @Test
    void typingReachesTheOthersInTheChannelNotTheTyperAndExpiresInAboutFiveSeconds() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SocketClient bobs = SocketClient.connect().signIn(bob.accessToken());
                SocketClient anns = SocketClient.connect().signIn(ann.accessToken())) {
            bobs.subscribe("t", "subscription($c: ID!) { typing(channelId: $c) { channelId threadId expiresAt user { id } } }",
                    Map.of("c", general));
            bobs.subscribe("e", "subscription { events { type typing { user { id } } } }");
            anns.subscribe("t", "subscription($c: ID!) { typing(channelId: $c) { user { id } } }", Map.of("c", general));
            bobs.awaitLive(() -> dev.parley.testing.Messages.post(ann, general, "probe"), "e");
            // The typing subscriptions have no probe of their own: they are set up once they follow the channel.
            awaitTrue(() -> feeds.followers(general) == 3, "bob's two streams and ann's typing follow #general");

            Instant sent = Instant.now();
            ann.client().execute(START_TYPING, Map.of("c", general));
            List<JsonPath> received = List.of(bobs.nextOf("next"), bobs.nextOf("next"));
            JsonPath typing = received.stream().filter(m -> "t".equals(m.getString("id"))).findFirst().orElseThrow();
            JsonPath event = received.stream().filter(m -> "e".equals(m.getString("id"))).findFirst().orElseThrow();
            assertEquals(ann.userId(), typing.getString("payload.data.typing.user.id"));
            assertEquals(general, typing.getString("payload.data.typing.channelId"));
            Duration shownFor = Duration.between(sent, Instant.parse(typing.getString("payload.data.typing.expiresAt")));
            assertTrue(shownFor.compareTo(Duration.ofSeconds(4)) > 0 && shownFor.compareTo(Duration.ofSeconds(7)) < 0, shownFor.toString());
            assertEquals("TYPING", event.getString("payload.data.events.type"));
            assertEquals(ann.userId(), event.getString("payload.data.events.typing.user.id"));
            bob.client().execute(START_TYPING, Map.of("c", general));
            anns.assertNextIs("bob typing: the typer does not see themself", SocketClient.nextWith("t", "typing.user.id", bob.userId()));
        }
        // Never stored: a later subscriber hears nothing about it.
        try (SocketClient late = SocketClient.connect().signIn(bob.accessToken())) {
            late.subscribe("e", "subscription { events { type } }");
            JsonPath first = late.firstWhileProbing(() -> dev.parley.testing.Messages.post(ann, general, "probe"));
            assertEquals("MESSAGE_CREATED", first.getString("payload.data.events.type"), "no typing replayed before the probe");
        }
    }

    @Test
    void someoneRemovedFromAPrivateChannelNoLongerSeesWhoIsTypingThere() {
        Teams.Team team = Teams.withMembers(2);
        Account ann = team.owner(), bob = team.member(0), cat = team.member(1);
        String secret = Teams.channel(ann, team.workspaceId(), Teams.channelName("secret"), true);
        ann.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", secret, "u", List.of(bob.userId(), cat.userId())));
        try (SocketClient bobs = SocketClient.connect().signIn(bob.accessToken())) {
            bobs.subscribe("t", "subscription($c: ID!) { typing(channelId: $c) { user { id } } }", Map.of("c", secret));
            bobs.awaitLive(() -> cat.client().execute(START_TYPING, Map.of("c", secret)), "t");
            ann.client().execute("mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }",
                    Map.of("c", secret, "u", bob.userId()));
            ann.client().execute(START_TYPING, Map.of("c", secret));
            // The stream ends at bob's removal; ann's typing, published after it, does not come first.
            bobs.assertNextIs("the stream's end", message -> "complete".equals(message.getString("type")) && "t".equals(message.getString("id")));
        }
    }

    @Test
    void watchersSeeSomeoneGoOnlineThenAwayThenOfflineAfterSilence() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        Account stranger = Accounts.register();
        try (SocketClient watcher = SocketClient.connect().signIn(ann.accessToken());
                SocketClient oneStream = SocketClient.connect().signIn(ann.accessToken());
                SocketClient outsider = SocketClient.connect().signIn(stranger.accessToken())) {
            String watch = "subscription($u: [String!]!) { presenceChanged(userIds: $u) { status lastActiveAt user { id } } }";
            watcher.subscribe("p", watch, Map.of("u", List.of(bob.userId())));
            outsider.subscribe("p", watch, Map.of("u", List.of(bob.userId())));
            oneStream.subscribe("e", "subscription($u: [String!]) { events(presenceOf: $u) { type cursor presence { status user { id } } } }",
                    Map.of("u", List.of(bob.userId())));
            // No probe without changing bob's presence: set up once both streams that may see it hear his topic.
            awaitTrue(() -> topics.confirmedListeners(dev.parley.platform.redis.LiveBus.presenceTopic(bob.userId())) == 2,
                    "the watcher's and ann's events stream hear bob's presence");

            try (SocketClient bobs = SocketClient.connect().signIn(bob.accessToken())) {
                JsonPath online = watcher.nextOf("next");
                assertEquals("ONLINE", online.getString("payload.data.presenceChanged.status"));
                assertEquals(bob.userId(), online.getString("payload.data.presenceChanged.user.id"));
                JsonPath inEvents = oneStream.nextOf("next");
                assertEquals("PRESENCE_CHANGED", inEvents.getString("payload.data.events.type"));
                assertEquals("ONLINE", inEvents.getString("payload.data.events.presence.status"));
                assertEquals(bob.userId(), inEvents.getString("payload.data.events.presence.user.id"));
            }
            // Silence (the test profile: AWAY after 3 s, OFFLINE after 6 s).
            JsonPath away = nextWithin(watcher, Duration.ofSeconds(10));
            assertEquals("AWAY", away.getString("payload.data.presenceChanged.status"));
            JsonPath offline = nextWithin(watcher, Duration.ofSeconds(10));
            assertEquals("OFFLINE", offline.getString("payload.data.presenceChanged.status"));
            // Sentinel: the outsider's own presence, which they may see, comes first; bob's never came.
            outsider.subscribe("self", watch, Map.of("u", List.of(stranger.userId())));
            boolean[] chooseAway = { false };
            JsonPath first = outsider.firstWhileProbing(() -> {
                chooseAway[0] = !chooseAway[0];
                stranger.client().execute("mutation($s: PresenceStatus!) { setPresence(status: $s) { status } }",
                        Map.of("s", chooseAway[0] ? "AWAY" : "ONLINE")).assertNoErrors();
            });
            assertEquals("self", first.getString("id"), "no presence for people who share no workspace: " + first.prettify());
        }
    }

    private static JsonPath nextWithin(SocketClient socket, Duration wait) {
        for (;;) {
            JsonPath message = socket.next(wait);
            if (!"ping".equals(message.getString("type"))) {
                return message;
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
