package dev.parley.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.Notified;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.TopicRecorder;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NotificationTest {

    private static final String LIST = "query($u: Boolean) { notifications(unreadOnly: $u) { nodes { id kind read actor { id } channel { id } message { id text } } } }";
    private static final String PREFS = "mutation($i: NotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { level muted channels { channelId level muted } } }";

    @Inject
    NotificationService service;

    @Inject
    Dynamo dynamo;

    @Test
    void mentionsDirectMessagesAndThreadRepliesNotifyTheRightPeople() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account cy = team.member(1);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");

        String mention = sendId(ada, general, "<@" + bob.userId() + "> can you look?", null);
        assertEquals(List.of("MENTION"), kinds(bob));
        assertEquals(List.of(), kinds(cy));
        assertEquals(List.of(), kinds(ada), "no notification for one's own message");
        Map<String, Object> first = nodes(bob).get(0);
        assertEquals(mention, ((Map<?, ?>) first.get("message")).get("id"));
        assertEquals(ada.userId(), ((Map<?, ?>) first.get("actor")).get("id"));
        assertEquals(general, ((Map<?, ?>) first.get("channel")).get("id"));

        sendId(cy, general, "on it", mention);                  // ada started the thread: she hears about it
        assertEquals(List.of("THREAD_REPLY"), kinds(ada));
        sendId(bob, general, "me too", mention);                // ada and cy (an earlier replier) hear; bob does not
        assertEquals(List.of("THREAD_REPLY", "THREAD_REPLY"), kinds(ada));
        assertEquals(List.of("THREAD_REPLY"), kinds(cy));

        String dm = ada.client().execute("mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id } }",
                Map.of("w", team.workspaceId(), "u", List.of(cy.userId()))).string("openDirectMessage.id");
        sendId(ada, dm, "psst", null);
        assertEquals("DIRECT_MESSAGE", kinds(cy).get(0), "newest first");
    }

    @Test
    void mentionsOfNonMembersAndMutedOrQuietChannelsCreateNone() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account cy = team.member(1);
        String quiet = Teams.channel(ada, team.workspaceId(), Teams.channelName("quiet"), false);
        sendId(ada, quiet, "<@" + bob.userId() + "> are you here?", null);
        assertEquals(List.of(), kinds(bob), "bob is not in the channel");

        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        bob.client().execute(PREFS, Map.of("i", Map.of("channelId", general, "level", "ALL", "muted", true))).assertNoErrors();
        sendId(ada, general, "<@" + bob.userId() + "> muted you", null);
        assertEquals(List.of(), kinds(bob));

        cy.client().execute(PREFS, Map.of("i", Map.of("level", "MENTIONS"))).assertNoErrors();
        String root = sendId(cy, general, "question", null);
        sendId(ada, general, "answer", root);
        assertEquals(List.of(), kinds(cy), "MENTIONS skips thread replies");
        sendId(ada, general, "@channel heads up", null);
        assertEquals(List.of("MENTION"), kinds(cy));

        GraphQLClient.Result prefs = bob.client().execute("{ notificationPreferences { level muted channels { channelId muted } } }");
        assertEquals("ALL", prefs.string("notificationPreferences.level"));
        assertEquals(List.of(general), prefs.json().getList("data.notificationPreferences.channels.channelId"));
    }

    @Test
    void markingReadOneOrAll() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        for (int i = 0; i < 3; i++) {
            sendId(ada, general, "<@" + bob.userId() + "> #" + i, null);
        }
        String newest = (String) nodes(bob).get(0).get("id");
        assertEquals(true, bob.client().execute("mutation($id: ID!) { markNotificationRead(id: $id) { read } }", Map.of("id", newest))
                .data("markNotificationRead.read"));
        assertEquals(2, bob.client().execute(LIST, Map.of("u", true)).json().getList("data.notifications.nodes").size());
        assertEquals("NOT_FOUND", ada.client().execute("mutation($id: ID!) { markNotificationRead(id: $id) { read } }",
                Map.of("id", newest)).errorCode(), "someone else's notification");
        assertEquals(2, bob.client().execute("mutation { markAllNotificationsRead }").data("markAllNotificationsRead"));
        assertEquals(0, bob.client().execute(LIST, Map.of("u", true)).json().getList("data.notifications.nodes").size());
        assertEquals(3, nodes(bob).size());
    }

    @Test
    void expiredNotificationsAreSwept() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        sendId(ada, general, "<@" + bob.userId() + "> old news", null);
        sendId(ada, general, "<@" + bob.userId() + "> fresh", null);
        String old = (String) nodes(bob).get(1).get("id");
        Instant past = Instant.now().minusSeconds(3600);
        // Only the sweep's attributes are backdated: the TTL attribute stays in the future, so DynamoDB
        // Local's own TTL deletion (which does run now and then) cannot do the sweep's work for it.
        dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.NOTIFICATIONS)).key(Items.key("userId", bob.userId(), "notificationId", old))
                .updateExpression("SET expiresAtIso = :iso, expiryDay = :d")
                .expressionAttributeValues(Map.of(":iso", Items.s(past.toString()),
                        ":d", Items.s(java.time.LocalDate.ofInstant(past, java.time.ZoneOffset.UTC).toString()))));
        assertTrue(service.sweepExpired(Instant.now()) >= 1);
        List<Object> left = bob.client().execute(LIST, Map.of()).json().getList("data.notifications.nodes.id");
        assertEquals(1, left.size());
        assertTrue(!left.contains(old));
    }

    @Test
    void hereReachesOnlyWhoIsOnlineNowWhileChannelReachesEveryone() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account online = team.member(0);
        Accounts.Account offline = team.member(1); // never connected: OFFLINE
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        try (SocketClient socket = SocketClient.connect().signIn(online.accessToken())) {
            awaitStatus(ada, online, "ONLINE");
            String here = sendId(ada, general, "@here standup in 5", null);
            assertEquals(List.of(here), ids(online));
            assertEquals(List.of(), ids(offline), "@here skips who is not ONLINE");

            String everyone = sendId(ada, general, "@channel all hands", null);
            assertEquals(List.of(everyone, here), ids(online));
            assertEquals(List.of(everyone), ids(offline));
        }
        // Both count as a mention for everyone in the channel, @here too (as they did before @here was told apart).
        assertEquals(2, ((Number) offline.client().execute("query($id: ID!) { channel(id: $id) { mentionCount } }", Map.of("id", general))
                .data("channel.mentionCount")).intValue());
    }

    private static void awaitStatus(Accounts.Account viewer, Accounts.Account person, String status) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Object now = viewer.client().execute("query($u: [String!]!) { presence(userIds: $u) { status } }",
                    Map.of("u", List.of(person.userId()))).data("presence[0].status");
            if (status.equals(now)) {
                return;
            }
            TopicRecorder.sleep(java.time.Duration.ofMillis(100));
        }
        throw new AssertionError(person.userId() + " never became " + status);
    }

    private static List<Object> ids(Accounts.Account who) {
        return nodes(who).stream().map(n -> n.get("id")).toList();
    }

    private static String sendId(Accounts.Account who, String channel, String text, String threadId) {
        return Messages.send(who, channel, text, threadId).string("sendMessage.id");
    }

    private static List<Map<String, Object>> nodes(Accounts.Account who) {
        Notified.settle();
        return who.client().execute(LIST, Map.of()).assertNoErrors().json().getList("data.notifications.nodes");
    }

    private static List<Object> kinds(Accounts.Account who) {
        return nodes(who).stream().map(n -> n.get("kind")).toList();
    }
}
