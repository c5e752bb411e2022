package dev.parley.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DirectMessageTest {

    private static final String OPEN = "mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id kind memberCount isMember } }";

    @Test
    void aPairAlwaysGetsTheSameDirectMessageFromEitherSide() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        GraphQLClient.Result fromAda = open(ada, team.workspaceId(), List.of(bob.userId()));
        assertEquals("DIRECT", fromAda.string("openDirectMessage.kind"));
        assertEquals(2, fromAda.data("openDirectMessage.memberCount"));
        String id = fromAda.string("openDirectMessage.id");
        assertEquals(id, open(bob, team.workspaceId(), List.of(ada.userId())).string("openDirectMessage.id"));
        assertEquals(id, open(bob, team.workspaceId(), List.of(ada.userId(), bob.userId(), ada.userId())).string("openDirectMessage.id"));
        assertEquals(true, open(bob, team.workspaceId(), List.of(ada.userId())).data("openDirectMessage.isMember"));
    }

    @Test
    void groupsAreOrderIndependentAndDistinctFromTheirSubsets() {
        Teams.Team team = Teams.withMembers(3);
        Accounts.Account ada = team.owner();
        String group = open(ada, team.workspaceId(), List.of(team.member(0).userId(), team.member(1).userId())).string("openDirectMessage.id");
        GraphQLClient.Result same = open(team.member(1), team.workspaceId(), List.of(team.member(0).userId(), ada.userId()));
        assertEquals(group, same.string("openDirectMessage.id"));
        assertEquals("GROUP", same.string("openDirectMessage.kind"));
        String pair = open(ada, team.workspaceId(), List.of(team.member(0).userId())).string("openDirectMessage.id");
        assertFalse(pair.equals(group));
    }

    @Test
    void directMessagesAreVisibleToTheirPeopleOnly() {
        Teams.Team team = Teams.withMembers(2);
        String id = open(team.owner(), team.workspaceId(), List.of(team.member(0).userId())).string("openDirectMessage.id");
        Accounts.Account third = team.member(1);
        Accounts.Account stranger = Accounts.register();
        String channel = "query($id: ID!) { channel(id: $id) { id } }";
        assertEquals("NOT_FOUND", third.client().execute(channel, Map.of("id", id)).errorCode());
        assertEquals("NOT_FOUND", stranger.client().execute(channel, Map.of("id", id)).errorCode());
        assertTrue(ChannelTest.channelIdsVisibleTo(team.member(0), team.workspaceId()).contains(id));
        assertFalse(ChannelTest.channelIdsVisibleTo(third, team.workspaceId()).contains(id));
        assertEquals("FORBIDDEN", team.owner().client().execute("mutation($id: ID!) { leaveChannel(id: $id) }", Map.of("id", id)).errorCode());
        assertEquals("FORBIDDEN", team.owner().client().execute("mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id } }",
                Map.of("id", id, "i", Map.of("topic", "x"))).errorCode());
    }

    @Test
    void badParticipantListsAreRefused() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account stranger = Accounts.register();
        assertRefused(open(ada, team.workspaceId(), List.of()));
        assertRefused(open(ada, team.workspaceId(), List.of(ada.userId())));
        assertRefused(open(ada, team.workspaceId(), List.of(stranger.userId())));
        assertRefused(open(ada, team.workspaceId(), List.of("not-an-id")));
        List<String> nine = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nine.add(dev.parley.platform.security.Ids.newId());
        }
        assertRefused(open(ada, team.workspaceId(), nine));
        assertEquals("NOT_FOUND", open(stranger, team.workspaceId(), List.of(ada.userId())).errorCode());
    }

    @Test
    void peopleOpeningTheSameConversationAtTheSameMomentMeetInOneChannel() throws Exception {
        Teams.Team team = Teams.withMembers(3);
        List<Accounts.Account> everyone = new ArrayList<>(team.members());
        everyone.add(team.owner());
        List<String> ids = everyone.stream().map(Accounts.Account::userId).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> openers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Accounts.Account opener = everyone.get(i % everyone.size());
                openers.add(() -> open(opener, team.workspaceId(), ids).string("openDirectMessage.id"));
            }
            Set<String> channelIds = new HashSet<>();
            for (Future<String> result : pool.invokeAll(openers)) {
                channelIds.add(result.get());
            }
            assertEquals(1, channelIds.size(), "everyone got " + channelIds);
        } finally {
            pool.shutdownNow();
        }
        // And the pair case, both sides at once.
        Accounts.Account a = team.member(0);
        Accounts.Account b = team.member(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<String> fromA = two.submit(() -> open(a, team.workspaceId(), List.of(b.userId())).string("openDirectMessage.id"));
            Future<String> fromB = two.submit(() -> open(b, team.workspaceId(), List.of(a.userId())).string("openDirectMessage.id"));
            assertEquals(fromA.get(), fromB.get());
        } finally {
            two.shutdownNow();
        }
    }

    private static void assertRefused(GraphQLClient.Result result) {
        assertEquals("BAD_USER_INPUT", result.errorCode(), result.json().prettify());
        assertEquals("userIds", result.errorExtension("field"));
    }

    private static GraphQLClient.Result open(Accounts.Account who, String workspaceId, List<String> userIds) {
        return who.client().execute(OPEN, Map.of("w", workspaceId, "u", userIds));
    }
}
