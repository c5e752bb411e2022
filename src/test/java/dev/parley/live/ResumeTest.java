package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/**
 * Gapless resume: a subscriber that was away gets exactly the events it missed, in order, once, and
 * then the live ones, even while messages keep arriving during the switch-over.
 */
@QuarkusTest
class ResumeTest {

    @Test
    void reconnectingWithTheLastCursorReplaysExactlyWhatWasMissedThenGoesLive() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");

        String cursor = cursorOfALastEvent(ann, bob, general);

        List<String> expected = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = Messages.post(ann, general, "missed " + i);
            sent.add(id);
            expected.add("MESSAGE_CREATED " + id);
        }
        for (int i = 0; i < 5; i++) {
            String edited = sent.get(90 + i);
            ann.client().execute("mutation($id: ID!) { editMessage(id: $id, text: \"edited\") { id } }", Map.of("id", edited));
            expected.add("MESSAGE_EDITED " + edited);
            String reacted = sent.get(i);
            ann.client().execute("mutation($id: ID!) { addReaction(messageId: $id, emoji: \":tada:\") { id } }", Map.of("id", reacted));
            expected.add("REACTION_ADDED " + reacted);
        }

        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            // Messages keep arriving while the subscriber replays and switches to live.
            CompletableFuture<List<String>> during = CompletableFuture.supplyAsync(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ids.add(Messages.post(ann, general, "during " + i));
                }
                return ids;
            });
            socket.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", cursor));
            during.join().forEach(id -> expected.add("MESSAGE_CREATED " + id));

            List<String> received = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            for (JsonPath event : SubscriptionTest.nextEvents(socket, expected.size())) {
                received.add(event.getString("payload.data.events.type") + " " + event.getString("payload.data.events.message.id"));
                cursors.add(event.getString("payload.data.events.cursor"));
            }
            assertEquals(expected, received, "exactly the missed events, in order, then the live ones");
            assertEquals(cursors.size(), new HashSet<>(cursors).size(), "every event moves the cursor");

            String live = Messages.post(ann, general, "live again");
            socket.assertNextIs("the live message, nothing twice before it", SocketClient.nextWith("e", "events.message.id", live));
        }
    }

    @Test
    void aChannelJoinedWhileAwayIsReplayedFromTheCursorsTime() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String cursor = cursorOfALastEvent(ann, bob, general);
        String project = Teams.channel(ann, team.workspaceId(), Teams.channelName("project"), true);
        String before = Messages.post(ann, project, "before bob");
        ann.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", project, "u", List.of(bob.userId())));
        String after = Messages.post(ann, project, "for bob");

        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", cursor));
            // Everything since the cursor in a channel bob can now read: its creation, then the messages.
            List<String> received = SubscriptionTest.nextEvents(socket, 4).stream()
                    .map(e -> e.getString("payload.data.events.type") + " " + e.getString("payload.data.events.user.id")
                            + " " + e.getString("payload.data.events.message.id"))
                    .toList();
            assertEquals(List.of("MEMBER_JOINED " + ann.userId() + " null", "MESSAGE_CREATED null " + before,
                    "MEMBER_JOINED " + bob.userId() + " null", "MESSAGE_CREATED null " + after), received);
            String sentinel = Messages.post(ann, project, "sentinel");
            socket.assertNextIs("the next message, nothing twice", SocketClient.nextWith("e", "events.message.id", sentinel));
        }
    }

    /** Bob is subscribed, sees one message from Ann, and drops: the cursor he would resume from. */
    static String cursorOfALastEvent(Account ann, Account bob, String channelId) {
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, channelId, "probe"), "e");
            Messages.post(ann, channelId, "before the drop");
            return socket.nextOf("next").getString("payload.data.events.cursor");
        }
    }
}
