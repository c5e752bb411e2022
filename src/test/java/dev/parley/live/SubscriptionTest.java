package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.live.subscription.EventCursor;
import dev.parley.live.subscription.EventCursors;
import dev.parley.platform.security.AccessTokens;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** events / channelEvents: delivery once, membership changes, authorization, and the cursor's limits. */
@QuarkusTest
class SubscriptionTest {

    @Inject
    AccessTokens tokens;

    @Inject
    EventCursors cursors;

    static final String EVENTS = "subscription($after: String) { events(after: $after) { cursor type channelId "
            + "message { id text author { id name } } user { id } } }";

    @Test
    void aMessageReachesEachSubscriberOnceWithItsAuthor() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
            String sent = Messages.post(ann, general, "hello bob");
            JsonPath event = socket.nextOf("next");
            assertEquals("MESSAGE_CREATED", event.getString("payload.data.events.type"));
            assertEquals(sent, event.getString("payload.data.events.message.id"));
            assertEquals("hello bob", event.getString("payload.data.events.message.text"));
            assertEquals(ann.userId(), event.getString("payload.data.events.message.author.id"));
            assertEquals(general, event.getString("payload.data.events.channelId"));
            Messages.post(ann, general, "sentinel");
            socket.assertNextIs("the next message, no second copy", SocketClient.nextWith("e", "events.message.text", "sentinel"));
        }
    }

    @Test
    void aRemovedMemberStopsReceivingAndAJoinerStartsWithoutResubscribing() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String secret = Teams.channel(ann, team.workspaceId(), Teams.channelName("secret"), true);
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.awaitLive(() -> Messages.post(ann, WorkspaceOps.channelId(ann, team.workspaceId(), "general"), "probe"), "e");
            ann.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                    Map.of("c", secret, "u", List.of(bob.userId())));
            JsonPath joined = socket.nextOf("next");
            assertEquals("MEMBER_JOINED", joined.getString("payload.data.events.type"));
            assertEquals(bob.userId(), joined.getString("payload.data.events.user.id"));
            Messages.post(ann, secret, "welcome");
            assertEquals("welcome", socket.nextOf("next").getString("payload.data.events.message.text"));

            ann.client().execute("mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }",
                    Map.of("c", secret, "u", bob.userId()));
            JsonPath left = socket.nextOf("next");
            assertEquals("MEMBER_LEFT", left.getString("payload.data.events.type"));
            Messages.post(ann, secret, "after bob left");
            Messages.post(ann, WorkspaceOps.channelId(ann, team.workspaceId(), "general"), "sentinel");
            socket.assertNextIs("a message in #general, nothing from a channel bob was removed from",
                    SocketClient.nextWith("e", "events.message.text", "sentinel"));
        }
    }

    @Test
    void channelEventsOfAChannelTheCallerCannotSeeIsNotFound() {
        Teams.Team team = Teams.withMembers(1);
        String secret = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("secret"), true);
        try (SocketClient socket = SocketClient.connect().signIn(team.member(0).accessToken())) {
            socket.subscribe("c", "subscription($c: ID!) { channelEvents(channelId: $c) { type } }", Map.of("c", secret));
            JsonPath error = socket.nextOf("error");
            assertEquals("NOT_FOUND", error.getString("payload[0].extensions.code"));
        }
    }

    @Test
    void channelEventsDeliversThatChannelOnly() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ann, team.workspaceId(), "random");
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("c", "subscription($c: ID!) { channelEvents(channelId: $c) { type message { text } } }", Map.of("c", random));
            socket.awaitLive(() -> Messages.post(ann, random, "probe"), "c");
            Messages.post(ann, general, "elsewhere");
            Messages.post(ann, random, "here");
            assertEquals("here", socket.nextOf("next").getString("payload.data.channelEvents.message.text"));
            Messages.post(ann, general, "elsewhere again");
            Messages.post(ann, random, "sentinel");
            socket.assertNextIs("the next message in #random", SocketClient.nextWith("c", "channelEvents.message.text", "sentinel"));
        }
    }

    @Test
    void aCursorOlderThanTheRetentionAsksTheClientToReload() {
        Account ann = dev.parley.testing.Accounts.register();
        String old = cursors.encode(ann.userId(), new EventCursor(Instant.now().minus(Duration.ofDays(8)), Map.of()));
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("e", EVENTS, Map.of("after", old));
            JsonPath error = socket.nextOf("error");
            assertEquals("BAD_USER_INPUT", error.getString("payload[0].extensions.code"));
            assertEquals("after", error.getString("payload[0].extensions.field"));
            assertTrue(error.getString("payload[0].message").contains("reload"));
            socket.subscribe("g", EVENTS, Map.of("after", "garbage!"));
            assertEquals("BAD_USER_INPUT", socket.nextOf("error").getString("payload[0].extensions.code"));
        }
    }

    @Test
    void logoutClosesTheSocket() {
        Account ann = dev.parley.testing.Accounts.register();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("e", EVENTS);
            ann.client().execute("mutation { logout }");
            assertEquals(4403, socket.awaitClose().code());
        }
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() {
        Account ann = dev.parley.testing.Accounts.register();
        String shortLived = tokens.issue(ann.userId(), "expiring-session", Duration.ofSeconds(2)).token();
        try (SocketClient socket = SocketClient.connect().signIn(shortLived)) {
            socket.subscribe("e", EVENTS);
            SocketClient.Closed closed = socket.awaitClose(Duration.ofSeconds(8));
            assertEquals(4403, closed.code());
        }
    }

    @Test
    void completeFromTheClientStopsTheStream() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.subscribe("s", "subscription($c: ID!) { channelEvents(channelId: $c) { message { text } } }", Map.of("c", general));
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e", "s");
            socket.send(Map.of("type", "complete", "id", "e"));
            Messages.post(ann, general, "two");
            socket.assertNextIs("the message on the other subscription only", SocketClient.nextWith("s", "channelEvents.message.text", "two"));
            socket.send(Map.of("type", "complete", "id", "s"));
            socket.subscribe("e", EVENTS); // the id is free again
            // A subscription without a cursor starts from when the server has set it up (no ack in the protocol): wait for that.
            socket.awaitLive(() -> Messages.post(ann, general, "probe again"), "e");
            Messages.post(ann, general, "three");
            assertEquals("three", socket.nextOf("next").getString("payload.data.events.message.text"));
        }
    }

    static List<JsonPath> nextEvents(SocketClient socket, int count) {
        List<JsonPath> events = new ArrayList<>();
        while (events.size() < count) {
            events.add(socket.nextOf("next"));
        }
        return events;
    }
}
