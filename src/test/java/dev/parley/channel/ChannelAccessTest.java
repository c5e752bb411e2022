package dev.parley.channel;

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
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Notified;
import dev.parley.testing.StoredItems;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** The channel-access policy as HTTP callers meet it: moderation in DMs, leaving and coming back, nested fields. */
@QuarkusTest
class ChannelAccessTest {

    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id deleted } }";
    private static final String CHANNEL = "query($id: ID!) { channel(id: $id) { id } }";
    private static final String HISTORY = "query($c: ID!) { messages(channelId: $c) { nodes { id text } } }";
    private static final String NOTIFICATIONS = "{ notifications { nodes { id channel { id } message { id } } } }";

    @Inject
    StoredItems stored;

    @Test
    void inADirectMessageEachDeletesOnlyTheirOwnMessagesEvenTheOpenerAndTheOwner() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0); // ada owns the workspace and opens the DM
        String dm = WorkspaceOps.openDirectMessage(ada, team.workspaceId(), bob);
        String bobs = Messages.post(bob, dm, "from bob");
        String adas = Messages.post(ada, dm, "from ada");

        assertEquals("FORBIDDEN", ada.client().execute(DELETE, Map.of("id", bobs)).errorCode(), "the opener does not moderate a DM");
        assertEquals("FORBIDDEN", bob.client().execute(DELETE, Map.of("id", adas)).errorCode());
        assertEquals(List.of("from ada", "from bob"), texts(bob, dm), "nothing was deleted");

        assertEquals(true, bob.client().execute(DELETE, Map.of("id", bobs)).data("deleteMessage.deleted"));
        assertEquals(true, ada.client().execute(DELETE, Map.of("id", adas)).data("deleteMessage.deleted"));
    }

    @Test
    void inAChannelTheCreatorAndAdminsDeleteOthersMessagesPlainMembersDoNot() {
        Teams.Team team = Teams.withMembers(2);
        Account ada = team.owner(), bob = team.member(0), cy = team.member(1);
        String channel = Teams.channel(bob, team.workspaceId(), Teams.channelName("bobs"), false);
        cy.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", channel)).assertNoErrors();
        String first = Messages.post(cy, channel, "one");
        String second = Messages.post(cy, channel, "two");
        String bobs = Messages.post(bob, channel, "three");
        assertEquals("FORBIDDEN", cy.client().execute(DELETE, Map.of("id", bobs)).errorCode(), "a plain member");
        assertEquals(true, bob.client().execute(DELETE, Map.of("id", first)).data("deleteMessage.deleted"), "the creator");
        assertEquals(true, ada.client().execute(DELETE, Map.of("id", second)).data("deleteMessage.deleted"), "a workspace owner");
    }

    @Test
    void someoneWhoLeftTheWorkspaceLosesItsDirectMessagesAndTheirNotificationsUntilTheyComeBack() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0);
        String dm = WorkspaceOps.openDirectMessage(ada, team.workspaceId(), bob);
        String before = Messages.post(ada, dm, "before you go");
        assertEquals(List.of(before), notificationIds(bob));

        bob.client().execute("mutation($id: ID!) { leaveWorkspace(id: $id) }", Map.of("id", team.workspaceId())).assertNoErrors();
        assertEquals("NOT_FOUND", bob.client().execute(CHANNEL, Map.of("id", dm)).errorCode());
        assertEquals("NOT_FOUND", bob.client().execute(HISTORY, Map.of("c", dm)).errorCode());
        assertEquals("NOT_FOUND", bob.client().execute("query($id: ID!) { message(id: $id) { id } }", Map.of("id", before)).errorCode());
        assertEquals("NOT_FOUND", Messages.send(bob, dm, "still here?", null).errorCode());
        // Their notification stays, but its DM and message are hidden.
        GraphQLClient.Result kept = bob.client().execute(NOTIFICATIONS).assertNoErrors();
        assertNull(kept.data("notifications.nodes[0].channel"));
        assertNull(kept.data("notifications.nodes[0].message"));

        // Ada may still write (bob reads it if he comes back); it notifies nobody.
        int storedBefore = stored.count(Table.NOTIFICATIONS, bob.userId());
        String whileAway = Messages.post(ada, dm, "<@" + bob.userId() + "> while you were away");
        Notified.settle();
        assertEquals(storedBefore, stored.count(Table.NOTIFICATIONS, bob.userId()), "no notification for someone who cannot read the DM");
        assertEquals(List.of(before), notificationIds(bob));
        assertEquals(2, ((Number) ada.client().execute("query($id: ID!) { channel(id: $id) { memberCount } }", Map.of("id", dm))
                .data("channel.memberCount")).intValue(), "the DM keeps its people");

        WorkspaceOps.join(ada, team.workspaceId(), bob);
        assertEquals(dm, bob.client().execute(CHANNEL, Map.of("id", dm)).string("channel.id"));
        assertEquals(List.of("<@" + bob.userId() + "> while you were away", "before you go"), texts(bob, dm), "history is whole");
        assertTrue(ChannelTest.channelIdsVisibleTo(bob, team.workspaceId()).contains(dm));
        String back = Messages.post(ada, dm, "welcome back");
        assertEquals(List.of(back, before), notificationIds(bob));
        assertFalse(notificationIds(bob).contains(whileAway));
    }

    @Test
    void aNotificationFromAPrivateChannelTheReaderWasRemovedFromShowsNoChannelOrMessage() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0);
        String secret = Teams.channel(ada, team.workspaceId(), Teams.channelName("secret"), true);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        ada.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", secret, "u", List.of(bob.userId()))).assertNoErrors();
        String hidden = Messages.post(ada, secret, "<@" + bob.userId() + "> secret plans");
        String shown = Messages.post(ada, general, "<@" + bob.userId() + "> lunch");
        Notified.settle(); // both notified while bob could still read #secret
        ada.client().execute("mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }",
                Map.of("c", secret, "u", bob.userId())).assertNoErrors();

        GraphQLClient.Result page = bob.client().execute(
                "{ notifications { nodes { id channel { id } message { id text channel { id } } } } }").assertNoErrors();
        assertEquals(List.of(shown, hidden), page.json().getList("data.notifications.nodes.id"));
        assertEquals(general, page.data("notifications.nodes[0].channel.id"));
        assertEquals("<@" + bob.userId() + "> lunch", page.data("notifications.nodes[0].message.text"));
        assertEquals(general, page.data("notifications.nodes[0].message.channel.id"), "Message.channel, for a message bob may read");
        assertNull(page.data("notifications.nodes[1].channel"));
        assertNull(page.data("notifications.nodes[1].message"));
    }

    private static List<Object> texts(Account reader, String channelId) {
        return reader.client().execute(HISTORY, Map.of("c", channelId)).assertNoErrors().json().getList("data.messages.nodes.text");
    }

    private static List<Object> notificationIds(Account reader) {
        Notified.settle();
        return reader.client().execute(NOTIFICATIONS).assertNoErrors().json().getList("data.notifications.nodes.id");
    }
}
