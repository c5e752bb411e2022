package dev.parley.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.Uploads;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** What people notice when they search, through the API, on the configured engine. */
@QuarkusTest
class SearchTest {

    private static final String EDIT = "mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id } }";
    private static final String REMOVE = "mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }";
    private static final String ADD = "mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }";

    @Inject
    SearchStartup startup;

    @BeforeEach
    void startUpIsOver() {
        Searches.afterStartUp(startup);
    }

    /** A word no other test uses, so results hold only this test's messages. */
    private static String word() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void wordsAreStemmedPhrasesAreExactAndExcludedTermsLeaveResults() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        String ops = Teams.channel(ada, team.workspaceId(), Teams.channelName("ops"), false);
        String w = word();
        String deployed = Messages.post(ada, ops, w + " we deployed the link to staging");
        String deployLink = Messages.post(ada, ops, w + " the deploy link is broken");
        String linkDeploy = Messages.post(ada, ops, w + " link first, then deploy");
        Searches.untilFound(ada, team.workspaceId(), w, linkDeploy);

        assertEquals(Set.of(deployed, deployLink, linkDeploy), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w + " deploys")));
        assertEquals(List.of(deployLink), Searches.messageIds(ada, team.workspaceId(), w + " \"deploy link\""));
        assertEquals(Set.of(deployLink, linkDeploy), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w + " deploy -staging")));
        assertEquals(List.of(deployed), Searches.messageIds(ada, team.workspaceId(), w + " -\"deploy link\" -first"));
    }

    @Test
    void filtersNarrowByChannelAuthorAndDate() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account grace = team.member(0);
        String opsName = Teams.channelName("ops");
        String ops = Teams.channel(ada, team.workspaceId(), opsName, false);
        String random = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        grace.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", ops)).assertNoErrors();
        String w = word();
        String adaInOps = Messages.post(ada, ops, w + " from ada in ops");
        String graceInOps = Messages.post(grace, ops, w + " from grace in ops");
        String adaElsewhere = Messages.post(ada, random, w + " from ada elsewhere");
        // Channels are indexed from different log partitions, in no order between them: wait for all three
        // (longer than elsewhere: on a new OpenSearch index the start-up rebuild may be bulk-writing meanwhile).
        Searches.until(ada, team.workspaceId(), w, ids -> ids.containsAll(List.of(adaInOps, graceInOps, adaElsewhere)), Duration.ofSeconds(5));

        assertEquals(Set.of(adaInOps, graceInOps), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w + " in:#" + opsName)));
        assertEquals(Set.of(adaInOps, graceInOps), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w + " in:<#" + ops + ">")));
        assertEquals(Set.of(adaInOps, adaElsewhere), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w + " from:<@" + ada.userId() + ">")));
        assertEquals(List.of(adaInOps), Searches.messageIds(ada, team.workspaceId(), w + " from:<@" + ada.userId() + "> in:#" + opsName));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(3, Searches.messageIds(ada, team.workspaceId(), w + " on:" + today).size());
        assertEquals(3, Searches.messageIds(ada, team.workspaceId(), w + " after:" + today.minusDays(1) + " before:" + today.plusDays(1)).size());
        assertEquals(List.of(), Searches.messageIds(ada, team.workspaceId(), w + " before:" + today));
        assertEquals(List.of(), Searches.messageIds(ada, team.workspaceId(), w + " after:" + today));
        assertEquals(List.of(), Searches.messageIds(ada, team.workspaceId(), w + " has:file"));
        assertEquals("BAD_USER_INPUT", Searches.run(ada, team.workspaceId(), w + " before:yesterday", null, null, null).errorCode());
    }

    @Test
    void anAttachedFileIsFoundByItsNameAndItsMessageByHasFile() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        String fileId = (String) Uploads.upload(ada, w + "-quarterly.txt", "text/plain", "figures\n".getBytes(StandardCharsets.UTF_8)).get("id");
        String withFile = ada.client().execute("mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
                Map.of("i", Map.of("channelId", general, "text", w + " the report", "fileIds", List.of(fileId),
                        "clientMessageId", UUID.randomUUID().toString()))).assertNoErrors().string("sendMessage.id");
        String without = Messages.post(ada, general, w + " no attachment here");
        Searches.until(ada, team.workspaceId(), w, ids -> ids.containsAll(List.of(withFile, without)), Duration.ofSeconds(5));

        assertEquals(List.of(withFile), Searches.messageIds(ada, team.workspaceId(), w + " has:file"));
        GraphQLClient.Result files = Searches.run(ada, team.workspaceId(), w, List.of("FILE"), null, null).assertNoErrors();
        assertEquals(List.of(fileId), files.json().getList("data.search.edges.node.file.id"));
        assertEquals(List.of("FILE"), files.json().getList("data.search.edges.node.kind"));
    }

    @Test
    void eachHitHasASnippetWithTheMatchedWordsMarked() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        String id = Messages.post(ada, general, "Deploying " + w + " tonight");
        Searches.untilFound(ada, team.workspaceId(), w + " deploy", id);
        GraphQLClient.Result result = Searches.run(ada, team.workspaceId(), w + " deploy", null, null, null);
        String snippet = result.string("search.edges[0].node.snippet");
        List<Map<String, Integer>> ranges = result.json().getList("data.search.edges[0].node.highlights");
        List<String> marked = ranges.stream().map(r -> snippet.substring(r.get("start"), r.get("start") + r.get("length"))).toList();
        assertEquals(Set.of("Deploying", w), Set.copyOf(marked));
        assertEquals("MESSAGE", result.string("search.edges[0].node.kind"));
    }

    @Test
    void chineseAndJapaneseTextIsFoundByItsWords() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        String chinese = Messages.post(ada, general, w + " 我们明天发布新版本");
        String japanese = Messages.post(ada, general, w + " 東京で会議があります");
        Searches.untilFound(ada, team.workspaceId(), w, japanese);
        assertEquals(List.of(chinese), Searches.messageIds(ada, team.workspaceId(), w + " 发布"));
        assertEquals(List.of(japanese), Searches.messageIds(ada, team.workspaceId(), w + " 会議"));
        assertEquals(List.of(), Searches.messageIds(ada, team.workspaceId(), w + " 会发"));
        assertEquals(List.of(japanese), Searches.messageIds(ada, team.workspaceId(), w + " 京"), "one character alone");
        assertEquals(List.of(chinese), Searches.messageIds(ada, team.workspaceId(), w + " 布"));
    }

    @Test
    void aPrivateChannelsMessagesAreFoundOnlyByItsMembersAndNotAfterRemoval() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account grace = team.member(0);
        Accounts.Account eve = team.member(1);
        String secret = Teams.channel(ada, team.workspaceId(), Teams.channelName("secret"), true);
        ada.client().execute(ADD, Map.of("c", secret, "u", List.of(grace.userId()))).assertNoErrors();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        String hidden = Messages.post(ada, secret, w + " the private plan");
        String sentinel = Messages.post(ada, general, w + " the public plan");
        Searches.untilFound(ada, team.workspaceId(), w, sentinel);

        assertEquals(Set.of(hidden, sentinel), Set.copyOf(Searches.messageIds(grace, team.workspaceId(), w)));
        assertEquals(List.of(sentinel), Searches.messageIds(eve, team.workspaceId(), w), "a non-member finds only the public message");
        assertEquals(List.of(), Searches.messageIds(eve, team.workspaceId(), w + " in:<#" + secret + ">"));

        ada.client().execute(REMOVE, Map.of("c", secret, "u", grace.userId())).assertNoErrors();
        assertEquals(List.of(sentinel), Searches.messageIds(grace, team.workspaceId(), w), "removed: at once, no waiting for the index");
    }

    @Test
    void aDirectMessageIsFoundOnlyByItsParticipants() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account grace = team.member(0);
        Accounts.Account eve = team.member(1);
        String dm = WorkspaceOps.openDirectMessage(ada, team.workspaceId(), grace);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        String direct = Messages.post(ada, dm, w + " just between us");
        String sentinel = Messages.post(ada, general, w + " for everyone");
        Searches.untilFound(ada, team.workspaceId(), w, sentinel);
        assertEquals(Set.of(direct, sentinel), Set.copyOf(Searches.messageIds(ada, team.workspaceId(), w)));
        assertEquals(Set.of(direct, sentinel), Set.copyOf(Searches.messageIds(grace, team.workspaceId(), w)));
        assertEquals(List.of(sentinel), Searches.messageIds(eve, team.workspaceId(), w));
        Accounts.Account outsider = Accounts.register();
        assertEquals("NOT_FOUND", Searches.run(outsider, team.workspaceId(), w, null, null, null).errorCode());
    }

    @Test
    void anEditIsFoundByItsNewTextOnlyAndADeleteIsGoneWithinASecond() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String before = word();
        String after = word();
        String id = Messages.post(ada, general, before + " first draft");
        Searches.untilFound(ada, team.workspaceId(), before, id);

        ada.client().execute(EDIT, Map.of("id", id, "t", after + " second draft")).assertNoErrors();
        long edited = System.nanoTime();
        Searches.until(ada, team.workspaceId(), after, ids -> ids.contains(id), freshness());
        assertTrue(Duration.ofNanos(System.nanoTime() - edited).compareTo(freshness()) <= 0);
        // The new text is indexed, so the old one is gone (one document per message).
        assertEquals(List.of(), Searches.messageIds(ada, team.workspaceId(), before));

        ada.client().execute(DELETE, Map.of("id", id)).assertNoErrors();
        Searches.until(ada, team.workspaceId(), after, List::isEmpty, freshness());
    }

    /** How soon an edit or delete must be reflected in search. */
    protected Duration freshness() {
        return Duration.ofSeconds(1);
    }

    @Test
    void pagesStayStableWhileNewMessagesArrive() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = word();
        Set<String> sent = new HashSet<>();
        String last = null;
        for (int i = 0; i < 12; i++) {
            last = Messages.post(ada, general, w + (i % 3 == 0 ? " " + w + " twice" : " once") + " number " + i);
            sent.add(last);
        }
        Searches.untilFound(ada, team.workspaceId(), w, last);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        int pages = 0;
        while (more && pages < 10) {
            GraphQLClient.Result page = Searches.run(ada, team.workspaceId(), w, List.of("MESSAGE"), 5, cursor).assertNoErrors();
            seen.addAll(page.json().getList("data.search.edges.node.message.id", String.class));
            more = page.json().getBoolean("data.search.pageInfo.hasNextPage");
            cursor = page.string("search.pageInfo.endCursor");
            if (pages++ == 0) {
                for (int i = 0; i < 6; i++) { // better matches than any, newer than all: they must not shift the pages
                    Messages.post(ada, general, w + " " + w + " " + w + " arriving " + i);
                }
            }
        }
        assertTrue(pages < 10, "pages end: " + seen);
        assertEquals(sent.size(), seen.size(), "no message twice: " + seen);
        assertEquals(sent, new HashSet<>(seen));
        assertFalse(pages < 3);
    }

    @Test
    void channelsAndPeopleAreFoundByName() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        String w = word();
        String channel = Teams.channel(ada, team.workspaceId(), w + "-launch", false);
        GraphQLClient.Result result = Searches.run(ada, team.workspaceId(), w, List.of("CHANNEL", "USER", "MESSAGE"), null, null).assertNoErrors();
        assertEquals(List.of(channel), result.json().getList("data.search.edges.node.channel.id", String.class));
        assertEquals("CHANNEL", result.string("search.edges[0].node.kind"));
        String secret = Teams.channel(ada, team.workspaceId(), w + "-secret", true);
        assertEquals(List.of(channel), Searches.run(team.member(0), team.workspaceId(), w, List.of("CHANNEL"), null, null)
                .json().getList("data.search.edges.node.channel.id", String.class));
        assertTrue(Searches.run(ada, team.workspaceId(), w, List.of("CHANNEL"), null, null)
                .json().getList("data.search.edges.node.channel.id", String.class).contains(secret));
    }
}
