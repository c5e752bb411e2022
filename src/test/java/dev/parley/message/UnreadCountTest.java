package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Unread and mention counts equal what a person would count by hand, after any mix of sends, reads and deletes. */
@QuarkusTest
class UnreadCountTest {

    private static final String COUNTS = "query($id: ID!) { channel(id: $id) { unreadCount mentionCount } }";
    private static final String MARK = "mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { unreadCount mentionCount } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id } }";

    @Test
    void countsFollowSendsReadsAndDeletes() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account cy = team.member(1);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");

        String a1 = Messages.post(ada, general, "morning");
        String b1 = Messages.post(bob, general, "hi <@" + ada.userId() + ">");
        String a2 = Messages.post(ada, general, "standup at ten");
        assertCounts(bob, general, 2, 0);      // a1, a2; his own b1 never counts
        assertCounts(ada, general, 1, 1);      // b1, which mentions her
        assertCounts(cy, general, 3, 0);

        deleteMessage(ada, a1);                // unread for bob and cy: it stops counting
        assertCounts(bob, general, 1, 0);
        assertCounts(cy, general, 2, 0);

        mark(cy, general, b1);                 // read up to b1: a2 is left
        assertCounts(cy, general, 1, 0);
        mark(bob, general, a2);
        assertCounts(bob, general, 0, 0);
        deleteMessage(ada, a2);                // bob had read it: his count stays at zero
        assertCounts(bob, general, 0, 0);
        assertCounts(cy, general, 0, 0);

        deleteMessage(bob, b1);                // ada had not read b1: unread and mention both go
        assertCounts(ada, general, 0, 0);

        String c1 = Messages.post(cy, general, "@channel lunch?");
        assertCounts(ada, general, 1, 1);
        assertCounts(bob, general, 1, 1);
        assertCounts(cy, general, 0, 0);
        mark(ada, general, c1);
        assertCounts(ada, general, 0, 0);
    }

    @Test
    void countsNeverGoNegativeForLateJoinersOrEditedMentions() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account late = team.member(1);
        String room = Teams.channel(ada, team.workspaceId(), Teams.channelName("room"), false);
        bob.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", room)).assertNoErrors();
        String before = Messages.post(ada, room, "@channel sent before the late joiner");
        String plain = Messages.post(ada, room, "plain");
        late.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", room)).assertNoErrors();
        assertCounts(late, room, 0, 0);
        deleteMessage(ada, before);
        assertCounts(late, room, 0, 0);
        assertCounts(bob, room, 1, 0);

        // Mentions are fixed when sent: editing one in and deleting leaves the counts exact.
        ada.client().execute("mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }",
                Map.of("id", plain, "t", "now with <@" + bob.userId() + ">")).assertNoErrors();
        deleteMessage(ada, plain);
        assertCounts(bob, room, 0, 0);
    }

    @Test
    void threadRepliesDoNotCountAsUnreadInTheChannel() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String root = Messages.post(ada, general, "thread root");
        mark(bob, general, root);
        Messages.reply(ada, general, "in the thread", root);
        assertCounts(bob, general, 0, 0);
    }

    @Test
    void mentionsOfPeopleOutsideTheChannelDoNotCount() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String quiet = Teams.channel(ada, team.workspaceId(), Teams.channelName("quiet"), false);
        String id = Messages.send(ada, quiet, "ping <@" + bob.userId() + ">", null).json().getList("data.sendMessage.mentions").toString();
        assertEquals("[]", id, "bob is not in #quiet");
    }

    /**
     * markChannelRead writes before it decides who may (the reader's membership is the write's
     * condition): whoever may not is told as on every path, and nothing moves.
     */
    @Test
    void markReadIsRefusedAsThePolicySaysAndMovesNothing() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account stranger = Teams.withMembers(0).owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String room = Teams.channel(ada, team.workspaceId(), Teams.channelName("room"), false);
        String inGeneral = Messages.post(ada, general, "in general");
        String inRoom = Messages.post(ada, room, "in the room bob has not joined");
        assertCounts(bob, general, 1, 0);

        assertEquals("NOT_FOUND", stranger.client().execute(MARK, Map.of("c", general, "m", inGeneral)).errorCode());
        assertEquals("FORBIDDEN", bob.client().execute(MARK, Map.of("c", room, "m", inRoom)).errorCode());
        assertEquals("BAD_USER_INPUT", bob.client().execute(MARK, Map.of("c", general, "m", inRoom)).errorCode());
        assertEquals("NOT_FOUND", bob.client().execute(MARK, Map.of("c", dev.parley.platform.security.Ids.newId(), "m", inGeneral))
                .errorCode());
        assertCounts(bob, general, 1, 0);

        mark(bob, general, inGeneral);
        assertCounts(bob, general, 0, 0);
        mark(bob, general, inGeneral); // again: nothing to move, no error
        assertCounts(bob, general, 0, 0);
    }

    private static void mark(Accounts.Account who, String channel, String messageId) {
        who.client().execute(MARK, Map.of("c", channel, "m", messageId)).assertNoErrors();
    }

    private static void deleteMessage(Accounts.Account who, String messageId) {
        who.client().execute(DELETE, Map.of("id", messageId)).assertNoErrors();
    }

    private static void assertCounts(Accounts.Account who, String channel, int unread, int mentions) {
        var result = who.client().execute(COUNTS, Map.of("id", channel));
        assertEquals(unread, result.data("channel.unreadCount"), "unread");
        assertEquals(mentions, result.data("channel.mentionCount"), "mentions");
    }
}
