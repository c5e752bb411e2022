package dev.parley.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.DynamoCallCounter;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ChannelListingTest {

    private static final String PAGE = "query($w: ID!, $first: Int, $after: String) { channels(workspaceId: $w, first: $first, after: $after) {"
            + " edges { cursor node { id name memberCount isMember unreadCount mentionCount lastReadMessageId } } pageInfo { hasNextPage endCursor } } }";

    @Test
    void pagingThroughManyChannelsReturnsEachExactlyOnceInAStableOrder() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account viewer = team.member(0);
        List<String> created = createChannels(team.owner(), team.workspaceId(), 110, 8);
        // Private channels and DMs of the viewer mix into the same order; others' private channels stay out.
        String mine = Teams.channel(viewer, team.workspaceId(), Teams.channelName("mine"), true);
        String dm = viewer.client().execute("mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id } }",
                Map.of("w", team.workspaceId(), "u", List.of(team.owner().userId()))).string("openDirectMessage.id");
        String notMine = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("owners"), true);

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNext;
        do {
            Map<String, Object> variables = new HashMap<>(Map.of("w", team.workspaceId(), "first", 50));
            if (after != null) {
                variables.put("after", after);
            }
            GraphQLClient.Result page = viewer.client().execute(PAGE, variables).assertNoErrors();
            List<String> ids = page.json().getList("data.channels.edges.node.id");
            assertTrue(ids.size() <= 50);
            seen.addAll(ids);
            hasNext = (Boolean) page.data("channels.pageInfo.hasNextPage");
            after = page.string("channels.pageInfo.endCursor");
            pages++;
        } while (hasNext && pages < 10);

        assertEquals(new HashSet<>(seen).size(), seen.size(), "no channel twice");
        assertTrue(seen.containsAll(created), "every public channel");
        assertTrue(seen.contains(mine) && seen.contains(dm), "the viewer's private channel and DM");
        assertFalse(seen.contains(notMine), "not someone else's private channel");
        assertEquals(110 + 2 + 2, seen.size(), "#general, #random, 110 created, one private, one DM");
        assertEquals(3, pages);
        assertEquals(seen.stream().sorted().toList(), seen, "oldest first, by id");
        assertEquals(seen, allIds(viewer, team.workspaceId()), "the same order every time");
    }

    @Test
    void archivedChannelsOfTheCallerDoNotMakeSmallPagesSkipAnything() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account owner = team.owner();
        String archivedMine = Teams.channel(owner, team.workspaceId(), Teams.channelName("old"), true);
        owner.client().execute("mutation($id: ID!) { archiveChannel(id: $id) { id } }", Map.of("id", archivedMine)).assertNoErrors();
        String privateMine = Teams.channel(owner, team.workspaceId(), Teams.channelName("mine"), true);
        String publicLater = Teams.channel(team.member(0), team.workspaceId(), Teams.channelName("later"), false);
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNext;
        int pages = 0;
        do {
            Map<String, Object> variables = new HashMap<>(Map.of("w", team.workspaceId(), "first", 3));
            if (after != null) {
                variables.put("after", after);
            }
            GraphQLClient.Result page = owner.client().execute(PAGE, variables).assertNoErrors();
            seen.addAll(page.json().getList("data.channels.edges.node.id"));
            hasNext = (Boolean) page.data("channels.pageInfo.hasNextPage");
            after = page.string("channels.pageInfo.endCursor");
        } while (hasNext && ++pages < 10);
        assertTrue(seen.contains(privateMine) && seen.contains(publicLater), "nothing skipped: " + seen);
        assertFalse(seen.contains(archivedMine));
        assertEquals(4, seen.size(), "#general, #random, mine, later");
    }

    @Test
    void aPageOfTwoHundredChannelsWithCountsCostsABoundedNumberOfStorageCalls() throws Exception {
        Accounts.Account owner = Accounts.register();
        createChannels(owner, owner.workspaceId(), 198, 8);
        // The log's consumers (search, notifications) still read the new channels' events meanwhile, on their own threads.
        long before = DynamoCallCounter.totalOnRequestThreads();
        GraphQLClient.Result page = owner.client().execute(PAGE, Map.of("w", owner.workspaceId(), "first", 200)).assertNoErrors();
        long calls = DynamoCallCounter.totalOnRequestThreads() - before;
        assertEquals(200, page.json().getList("data.channels.edges").size());
        assertEquals(1, (Integer) page.json().getList("data.channels.edges.node.memberCount").get(0));
        assertTrue(page.json().getList("data.channels.edges.node.unreadCount").stream().allMatch(c -> ((Integer) c) == 0));
        // workspace check 1, public channels 1-2 queries, memberships query 1-2, membership batch reads 2 (100 keys each)
        System.out.println("[measure] channels(first: 200) with memberCount, isMember, unreadCount, mentionCount, lastReadMessageId: "
                + calls + " DynamoDB calls");
        assertTrue(calls <= 10, "a page of 200 channels took " + calls + " DynamoDB calls: " + DynamoCallCounter.byOperation());
    }

    @Test
    void twoPeopleCreatingTheSameNameAtOnceGetOneChannelAndOneConflict() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        String name = Teams.channelName("race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<GraphQLClient.Result>> creators = List.of(team.owner(), team.member(0)).stream()
                    .map(account -> (Callable<GraphQLClient.Result>) () -> account.client().execute(
                            "mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }",
                            Map.of("i", Map.of("workspaceId", team.workspaceId(), "name", name))))
                    .toList();
            List<String> outcomes = new ArrayList<>();
            for (Future<GraphQLClient.Result> result : pool.invokeAll(creators)) {
                GraphQLClient.Result r = result.get();
                outcomes.add(r.hasErrors() ? r.errorCode() : "CREATED");
            }
            assertEquals(List.of("CONFLICT", "CREATED"), outcomes.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
        long named = allIds(team.owner(), team.workspaceId()).size();
        assertEquals(3, named, "#general, #random and one " + name);
    }

    private static List<String> allIds(Accounts.Account viewer, String workspaceId) {
        return viewer.client().execute("query($w: ID!) { channels(workspaceId: $w, first: 200) { nodes { id } } }",
                Map.of("w", workspaceId)).json().getList("data.channels.nodes.id");
    }

    static List<String> createChannels(Accounts.Account creator, String workspaceId, int count, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "c" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
                tasks.add(() -> Teams.channel(creator, workspaceId, name, false));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : pool.invokeAll(tasks)) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
