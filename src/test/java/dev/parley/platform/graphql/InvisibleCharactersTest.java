package dev.parley.platform.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.StoredItems;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Names, titles, status texts and topics show what they say; a message of nothing visible is blank. */
@QuarkusTest
class InvisibleCharactersTest {

    private static final String RIGHT_TO_LEFT_OVERRIDE = "\u202E", ZERO_WIDTH_SPACE = "\u200B", ZERO_WIDTH_JOINER = "\u200D";
    private static final String UPDATE_PROFILE = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { name title statusText statusEmoji } }";
    private static final String ME = "{ me { name title statusText statusEmoji } }";
    private static final String REGISTER = "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }";
    private static final String CHANNEL = "query($id: ID!) { channel(id: $id) { topic purpose } }";
    private static final String HISTORY = "query($c: ID!) { messages(channelId: $c) { nodes { id text } } }";

    @Inject
    StoredItems stored;

    @Test
    void profileFieldsRefuseControlZeroWidthAndDirectionCharacters() {
        Accounts.Account ada = Accounts.register();
        Map<String, Object> before = ada.client().execute(ME).json().getMap("data.me");
        List<Map<String, String>> refused = List.of(
                Map.of("name", "Ada" + RIGHT_TO_LEFT_OVERRIDE + "nimda"),
                Map.of("name", "Ad" + ZERO_WIDTH_SPACE + "a"),
                Map.of("name", "\u3164"), // a Hangul filler: a name that looks empty
                Map.of("name", "\u2066Ada\u2069"), // an isolate
                Map.of("title", "CEO\u200E"), // a left-to-right mark
                Map.of("title", "Chief\u00ADEngineer"), // a soft hyphen
                Map.of("statusText", "out\u0007"), // BEL
                Map.of("statusText", "back\nsoon"),
                Map.of("statusText", "lunch" + ZERO_WIDTH_JOINER + "break"),
                Map.of("statusText", "\uFEFFbusy"));
        for (Map<String, String> input : refused) {
            GraphQLClient.Result result = ada.client().execute(UPDATE_PROFILE, Map.of("i", input));
            String field = input.keySet().iterator().next();
            assertEquals("BAD_USER_INPUT", result.errorCode(), input.toString());
            assertEquals(field, result.errorExtension("field"), input.toString());
        }
        assertEquals(before, ada.client().execute(ME).json().getMap("data.me"), "nothing was saved");
    }

    @Test
    void emojiSequencesWithJoinersStayWelcome() {
        Accounts.Account ada = Accounts.register();
        String coder = "\uD83D\uDC69" + ZERO_WIDTH_JOINER + "\uD83D\uDCBB"; // 👩‍💻
        String rainbowFlag = "\uD83C\uDFF3\uFE0F" + ZERO_WIDTH_JOINER + "\uD83C\uDF08"; // 🏳️‍🌈
        String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F"; // 🏴󠁧󠁢󠁳󠁣󠁴󠁿
        String family = "\uD83D\uDC68" + ZERO_WIDTH_JOINER + "\uD83D\uDC69" + ZERO_WIDTH_JOINER + "\uD83D\uDC67";
        GraphQLClient.Result saved = ada.client().execute(UPDATE_PROFILE, Map.of("i", Map.of(
                "name", "Ada " + coder, "statusText", coder + " coding in " + scotland + " " + rainbowFlag, "statusEmoji", family)));
        assertEquals("Ada " + coder, saved.data("updateProfile.name"));
        assertEquals(coder + " coding in " + scotland + " " + rainbowFlag, saved.data("updateProfile.statusText"));
        assertEquals(family, saved.data("updateProfile.statusEmoji"));
        assertEquals("Ada Lovelace", ada.client().execute(UPDATE_PROFILE, Map.of("i", Map.of("name", "\u00A0Ada Lovelace\u3000")))
                .data("updateProfile.name"), "Unicode spaces around a name are trimmed");
    }

    @Test
    void registerRefusesInvisibleNamesAndEmailsAndStoresNothing() {
        List<Map<String, String>> refused = List.of(
                Map.of("name", ZERO_WIDTH_SPACE, "workspaceName", "Fine", "field", "name"),
                Map.of("name", "Ada", "workspaceName", "Engines" + RIGHT_TO_LEFT_OVERRIDE, "field", "workspaceName"),
                Map.of("name", "Ada", "workspaceName", "Engines", "field", "email", "email", "ada" + ZERO_WIDTH_SPACE + "@example.com"));
        for (Map<String, String> attempt : refused) {
            String email = attempt.getOrDefault("email", Accounts.uniqueEmail());
            GraphQLClient.Result result = GraphQLClient.anonymous().execute(REGISTER, Map.of("i", Map.of(
                    "email", email, "password", Accounts.PASSWORD, "name", attempt.get("name"), "workspaceName", attempt.get("workspaceName"))));
            assertEquals("BAD_USER_INPUT", result.errorCode(), attempt.toString());
            assertEquals(attempt.get("field"), result.errorExtension("field"), attempt.toString());
            assertFalse(stored.emailClaimed(email), email);
        }
    }

    @Test
    void workspaceNamesAndChannelTopicsRefuseThemToo() {
        Accounts.Account ada = Accounts.register();
        GraphQLClient.Result workspace = ada.client().execute("mutation($n: String!) { createWorkspace(input: {name: $n}) { id } }",
                Map.of("n", "Acme" + ZERO_WIDTH_JOINER));
        assertEquals("name", workspace.errorExtension("field"));
        assertEquals(List.of(ada.workspaceId()), ada.client().execute("{ workspaces { id } }").json().getList("data.workspaces.id"));
        GraphQLClient.Result renamed = ada.client().execute("mutation($w: ID!) { updateWorkspace(id: $w, input: {name: \"\u202Bx\"}) { name } }",
                Map.of("w", ada.workspaceId()));
        assertEquals("name", renamed.errorExtension("field"));

        String name = Teams.channelName("topics");
        GraphQLClient.Result created = ada.client().execute("mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }",
                Map.of("i", Map.of("workspaceId", ada.workspaceId(), "name", name, "topic", "launch\u2067 day")));
        assertEquals("topic", created.errorExtension("field"));
        assertFalse(ada.client().execute("query($w: ID!) { channels(workspaceId: $w) { nodes { name } } }", Map.of("w", ada.workspaceId()))
                .json().getList("data.channels.nodes.name").contains(name), "no channel was created");

        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        ada.client().execute("mutation($id: ID!) { updateChannel(id: $id, input: {topic: \"Launch\", purpose: \"Talk\"}) { id } }",
                Map.of("id", general)).assertNoErrors();
        GraphQLClient.Result purpose = ada.client().execute("mutation($id: ID!, $p: String) { updateChannel(id: $id, input: {purpose: $p}) { id } }",
                Map.of("id", general, "p", "Talk\u0000"));
        assertEquals("purpose", purpose.errorExtension("field"));
        assertEquals(Map.of("topic", "Launch", "purpose", "Talk"), ada.client().execute(CHANNEL, Map.of("id", general)).json().getMap("data.channel"));
    }

    @Test
    void aMessageOfOnlyInvisibleCharactersIsBlank() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String kept = Messages.post(ada, general, "\uD83D\uDC68" + ZERO_WIDTH_JOINER + "\uD83D\uDC69" + ZERO_WIDTH_JOINER + "\uD83D\uDC67 hi");
        for (String blank : List.of(ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE, " \u2060\uFEFF\n", "\u3164", "\u2800\u00A0", RIGHT_TO_LEFT_OVERRIDE + "\uFE0F")) {
            GraphQLClient.Result result = Messages.send(ada, general, blank, null);
            assertEquals("BAD_USER_INPUT", result.errorCode(), blank.codePoints().mapToObj(Integer::toHexString).toList().toString());
            assertEquals("text", result.errorExtension("field"));
        }
        GraphQLClient.Result edit = ada.client().execute("mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }",
                Map.of("id", kept, "t", ZERO_WIDTH_SPACE));
        assertEquals("text", edit.errorExtension("field"));
        assertEquals(List.of(kept), ada.client().execute(HISTORY, Map.of("c", general)).json().getList("data.messages.nodes.id"),
                "only the visible message was stored");
    }
}
