package dev.parley.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.Notified;
import dev.parley.testing.StoredItems;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Notifications come from the committed log: a pod dying after a commit delays them, a replay duplicates none. */
@QuarkusTest
class NotificationReplayTest {

    private static final String LIST = "{ notifications { nodes { id kind read } } }";

    @Inject
    NotificationConsumer notifier;

    @Inject
    ChannelEventLog log;

    @Inject
    ChannelEventReads reads;

    @Inject
    StoredItems stored;

    @Test
    void aPodDyingRightAfterTheCommitNotifiesEveryoneOnceAfterTheRestart() {
        Teams.Team team = Teams.withMembers(2);
        Account ada = team.owner(), bob = team.member(0), cy = team.member(1);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String dm = WorkspaceOps.openDirectMessage(ada, team.workspaceId(), cy);
        Notified.settle();

        notifier.stop(); // the pod dies right after each commit below, before any notification
        String mention, reply, direct;
        try {
            mention = Messages.post(ada, general, "<@" + bob.userId() + "> have a look");
            reply = Messages.reply(cy, general, "looked", mention);
            direct = Messages.post(ada, dm, "psst");
            assertEquals(List.of(0, 0, 0), List.of(stored.count(Table.NOTIFICATIONS, ada.userId()),
                    stored.count(Table.NOTIFICATIONS, bob.userId()), stored.count(Table.NOTIFICATIONS, cy.userId())));
        } finally {
            notifier.start(); // another pod, or this one restarted: from the stored checkpoints
        }
        Notified.settle();
        assertEquals(List.of(Map.of("id", mention, "kind", "MENTION", "read", false)), notifications(bob));
        assertEquals(List.of(Map.of("id", reply, "kind", "THREAD_REPLY", "read", false)), notifications(ada));
        assertEquals(List.of(Map.of("id", direct, "kind", "DIRECT_MESSAGE", "read", false)), notifications(cy));
    }

    @Test
    void handlingTheSameEventsAgainStoresNothingTwiceAndKeepsWhatWasRead() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String first = Messages.post(ada, general, "<@" + bob.userId() + "> one");
        String second = Messages.post(ada, general, "<@" + bob.userId() + "> two");
        Notified.settle();
        bob.client().execute("mutation($id: ID!) { markNotificationRead(id: $id) { read } }", Map.of("id", first)).assertNoErrors();

        notifier.notifyAbout(general, reads.read(general, 0, 100)); // a replay of the channel's whole log
        notifier.notifyAbout(general, reads.read(general, 0, 100));
        assertEquals(List.of(Map.of("id", second, "kind", "MENTION", "read", false), Map.of("id", first, "kind", "MENTION", "read", true)),
                notifications(bob));
        assertEquals(2, stored.count(Table.NOTIFICATIONS, bob.userId()));
    }

    private static List<Map<String, Object>> notifications(Account who) {
        return who.client().execute(LIST).assertNoErrors().json().getList("data.notifications.nodes");
    }
}
