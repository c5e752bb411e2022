package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/**
 * Removal and leaving cut live streams at the event that records them: the subscriber's MEMBER_LEFT
 * is the last thing of that channel they get, even with messages sent right after it, round after round.
 */
@QuarkusTest
class AccessCutTest {

    private static final int ROUNDS = 10;
    private static final int SENT_RIGHT_AFTER = 5;
    private static final String CHANNEL_EVENTS = "subscription($c: ID!) { channelEvents(channelId: $c) { type user { id } message { text } } }";

    private final ExecutorService senders = Executors.newFixedThreadPool(SENT_RIGHT_AFTER);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void aChannelEventsStreamOfAPrivateChannelEndsAtTheSubscribersRemoval() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        for (int round = 0; round < ROUNDS; round++) {
            String secret = privateChannelWith(ann, team.workspaceId(), bob);
            try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
                socket.subscribe("c", CHANNEL_EVENTS, Map.of("c", secret));
                socket.awaitLive(() -> Messages.post(ann, secret, "probe"), "c");

                remove(ann, secret, bob);
                List<CompletableFuture<String>> after = sendRightAway(ann, secret);
                JsonPath left = socket.nextSkippingPings();
                assertEquals("MEMBER_LEFT", left.getString("payload.data.channelEvents.type"), "round " + round + ": " + left.prettify());
                assertEquals(bob.userId(), left.getString("payload.data.channelEvents.user.id"));
                socket.assertNextIs("the stream's end in round " + round + ", before any later message",
                        message -> "complete".equals(message.getString("type")) && "c".equals(message.getString("id")));
                after.forEach(CompletableFuture::join);
            }
        }
    }

    @Test
    void anEventsStreamPassesOnNothingOfAChannelAfterTheSubscribersRemoval() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
            for (int round = 0; round < ROUNDS; round++) {
                String secret = privateChannelWith(ann, team.workspaceId(), bob);
                socket.skipTo(memberEvent("MEMBER_JOINED", secret, bob));

                remove(ann, secret, bob);
                sendRightAway(ann, secret).forEach(CompletableFuture::join);
                socket.skipTo(memberEvent("MEMBER_LEFT", secret, bob)); // what was sent before it may come first
                String sentinel = Messages.post(ann, general, "sentinel " + round);
                socket.assertNextIs("#general's message in round " + round + ", nothing more of the channel bob left",
                        SocketClient.nextWith("e", "events.message.id", sentinel));
            }
        }
    }

    @Test
    void leavingTheWorkspaceEndsItsDirectMessagesLiveAndComingBackResumesThem() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String teamGeneral = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String homeGeneral = WorkspaceOps.channelId(bob, bob.workspaceId(), "general"); // a workspace bob stays in
        String dm = WorkspaceOps.openDirectMessage(ann, team.workspaceId(), bob);
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, dm, "probe"), "e");

            bob.client().execute("mutation($id: ID!) { leaveWorkspace(id: $id) }", Map.of("id", team.workspaceId())).assertNoErrors();
            assertEquals(Set.of(teamGeneral, dm), memberEventsOf(socket, "MEMBER_LEFT", bob, 2));
            Messages.post(ann, dm, "while you were away");
            String sentinel = Messages.post(bob, homeGeneral, "sentinel");
            socket.assertNextIs("bob's own message at home, nothing of the DM", SocketClient.nextWith("e", "events.message.id", sentinel));

            WorkspaceOps.join(ann, team.workspaceId(), bob);
            assertEquals(Set.of(teamGeneral, dm), memberEventsOf(socket, "MEMBER_JOINED", bob, 2));
            String back = Messages.post(ann, dm, "welcome back");
            socket.skipTo(SocketClient.nextWith("e", "events.message.id", back)); // the DM is live again (its NOTIFICATION may come first)
        }
    }

    @Test
    void aPublicChannelsStreamsGoOnAfterLeavingItAndEndWhenLeavingItsWorkspace() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String random = WorkspaceOps.channelId(ann, team.workspaceId(), "random"); // bob never joined it
        String open = Teams.channel(ann, team.workspaceId(), Teams.channelName("open"), false);
        bob.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", open)).assertNoErrors();
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("o", CHANNEL_EVENTS, Map.of("c", open));
            socket.subscribe("r", CHANNEL_EVENTS, Map.of("c", random));
            socket.awaitLive(() -> {
                Messages.post(ann, open, "probe");
                Messages.post(ann, random, "probe");
            }, "o", "r");

            bob.client().execute("mutation($id: ID!) { leaveChannel(id: $id) }", Map.of("id", open)).assertNoErrors();
            socket.assertNextIs("bob leaving", SocketClient.nextWith("o", "channelEvents.type", "MEMBER_LEFT"));
            Messages.post(ann, open, "still readable");
            socket.assertNextIs("a public channel stays readable", SocketClient.nextWith("o", "channelEvents.message.text", "still readable"));

            bob.client().execute("mutation($id: ID!) { leaveWorkspace(id: $id) }", Map.of("id", team.workspaceId())).assertNoErrors();
            Set<String> ended = new HashSet<>();
            while (ended.size() < 2) {
                JsonPath message = socket.nextSkippingPings();
                assertEquals("complete", message.getString("type"), "nothing but the streams' ends: " + message.prettify());
                ended.add(message.getString("id"));
            }
            assertEquals(Set.of("o", "r"), ended);
        }
    }

    /** The channels of the next {@code count} events, each of which must be {@code type} of {@code person}. */
    private static Set<String> memberEventsOf(SocketClient socket, String type, Account person, int count) {
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < count; i++) {
            JsonPath event = socket.nextSkippingPings();
            assertEquals(type, event.getString("payload.data.events.type"), event.prettify());
            assertEquals(person.userId(), event.getString("payload.data.events.user.id"));
            channels.add(event.getString("payload.data.events.channelId"));
        }
        return channels;
    }

    private static Predicate<JsonPath> memberEvent(String type, String channelId, Account person) {
        return message -> SocketClient.nextWith("e", "events.type", type).test(message)
                && channelId.equals(message.getString("payload.data.events.channelId"))
                && person.userId().equals(message.getString("payload.data.events.user.id"));
    }

    private static String privateChannelWith(Account creator, String workspaceId, Account member) {
        String channel = Teams.channel(creator, workspaceId, Teams.channelName("secret"), true);
        creator.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", channel, "u", List.of(member.userId()))).assertNoErrors();
        return channel;
    }

    private static void remove(Account moderator, String channelId, Account member) {
        moderator.client().execute("mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }",
                Map.of("c", channelId, "u", member.userId())).assertNoErrors();
    }

    /** Messages sent at once from other threads, the moment the removal has been answered. */
    private List<CompletableFuture<String>> sendRightAway(Account sender, String channelId) {
        return IntStream.range(0, SENT_RIGHT_AFTER)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> Messages.post(sender, channelId, "right after " + i), senders))
                .toList();
    }
}
