package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StoredItems;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What was deleted or edited away stays gone: not in replays, not in the stored event log. */
@QuarkusTest
class ReplayPrivacyTest {

    static final String EVENTS = "subscription($after: String) { events(after: $after) { cursor type channelId "
            + "message { id text deleted mentions { id } reactions { emoji count } } } }";
    private static final String EDIT = "mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id } }";
    private static final String REACT = "mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { id } }";
    private static final String ADD = "mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }";

    @Inject
    StoredItems stored;

    @Test
    void replayingFromBeforeAMessageShowsItsTombstoneOrItsCurrentTextNeverAnEarlierOne() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String secret = privateChannelWith(ann, bob, team.workspaceId());
        String cursor = ResumeTest.cursorOfALastEvent(ann, bob, secret);

        String gone = Messages.post(ann, secret, "the secret plan, for <@" + bob.userId() + ">");
        bob.client().execute(REACT, Map.of("id", gone, "e", ":eyes:")).assertNoErrors();
        ann.client().execute(EDIT, Map.of("id", gone, "t", "the secret plan, revised")).assertNoErrors();
        String kept = Messages.post(ann, secret, "draft wording");
        ann.client().execute(EDIT, Map.of("id", kept, "t", "final wording")).assertNoErrors();
        ann.client().execute(DELETE, Map.of("id", gone)).assertNoErrors();

        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", EVENTS, Map.of("after", cursor));
            List<JsonPath> replay = SubscriptionTest.nextEvents(socket, 6);
            assertEquals(List.of("MESSAGE_CREATED " + gone, "REACTION_ADDED " + gone, "MESSAGE_EDITED " + gone,
                    "MESSAGE_CREATED " + kept, "MESSAGE_EDITED " + kept, "MESSAGE_DELETED " + gone),
                    replay.stream().map(e -> e.getString("payload.data.events.type") + " " + e.getString("payload.data.events.message.id"))
                            .toList());
            for (JsonPath event : replay) {
                String raw = event.prettify();
                assertFalse(raw.contains("secret plan") || raw.contains("draft wording"), "an earlier text came back: " + raw);
                if (gone.equals(event.getString("payload.data.events.message.id"))) {
                    assertTrue(event.getBoolean("payload.data.events.message.deleted"), raw);
                    assertNull(event.getString("payload.data.events.message.text"));
                    assertEquals(List.of(), event.getList("payload.data.events.message.mentions"));
                    assertEquals(List.of(), event.getList("payload.data.events.message.reactions"));
                } else {
                    assertEquals("final wording", event.getString("payload.data.events.message.text"));
                }
            }
            String live = Messages.post(ann, secret, "live again");
            assertEquals(live, socket.nextOf("next").getString("payload.data.events.message.id"), "nothing else came first");
        }
    }

    @Test
    void theStoredEventLogHoldsNoMessageText() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String secret = privateChannelWith(ann, bob, team.workspaceId());
        String thought = Messages.post(ann, secret, "a private thought");
        ann.client().execute(EDIT, Map.of("id", thought, "t", "a second thought")).assertNoErrors();
        bob.client().execute(REACT, Map.of("id", thought, "e", ":eyes:")).assertNoErrors();
        String reply = Messages.reply(bob, secret, "a reply in the thread", thought);
        ann.client().execute(DELETE, Map.of("id", thought)).assertNoErrors();

        List<Map<String, AttributeValue>> items = stored.partition(Table.CHANNEL_EVENTS, secret);
        assertEquals(1 + 1 + 2 + 6, items.size(), "the head, the counting item (the deletion's ordinal), two joins, and six events about messages");
        String everything = items.toString();
        for (String text : List.of("private thought", "second thought", "a reply in the thread")) {
            assertFalse(everything.contains(text), "'" + text + "' is stored in the event log: " + everything);
        }
        assertTrue(items.stream().noneMatch(item -> item.containsKey("message") || item.containsKey("text")));
        assertEquals(List.of(thought, thought, thought, reply, thought, thought), items.stream()
                .filter(item -> item.containsKey("messageId")).map(item -> item.get("messageId").s()).toList(),
                "message events name their message: created, edited, reacted, the reply, its thread, deleted");
    }

    private static String privateChannelWith(Account ann, Account bob, String workspaceId) {
        String secret = Teams.channel(ann, workspaceId, Teams.channelName("secret"), true);
        ann.client().execute(ADD, Map.of("c", secret, "u", List.of(bob.userId()))).assertNoErrors();
        return secret;
    }
}
