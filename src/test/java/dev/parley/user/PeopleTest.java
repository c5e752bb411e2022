package dev.parley.user;

import static dev.parley.testing.WorkspaceOps.join;
import static dev.parley.testing.WorkspaceOps.newMember;
import static dev.parley.testing.WorkspaceOps.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PeopleTest {

    private static final String USER = "query($id: ID!) { user(id: $id) { id email name } }";
    private static final String USERS = "query($w: ID!, $q: String, $first: Int, $after: String) { users(workspaceId: $w, query: $q, "
            + "first: $first, after: $after) { nodes { id name email } pageInfo { hasNextPage endCursor } } }";
    private static final String PROFILE_FIELDS = "id name title timezone statusText statusEmoji";
    private static final String UPDATE_PROFILE = "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { "
            + PROFILE_FIELDS + " } }";
    private static final String ME = "{ me { " + PROFILE_FIELDS + " } }";

    @Test
    void aCoMemberIsVisibleWithTheirEmail() {
        Account owner = Accounts.register();
        Account colleague = newMember(owner, owner.workspaceId());

        GraphQLClient.Result result = owner.client().execute(USER, Map.of("id", colleague.userId()));
        assertEquals(colleague.userId(), result.data("user.id"));
        assertEquals(colleague.email(), result.data("user.email"));
        assertEquals("Test Person", result.data("user.name"));
        // And the other way round.
        assertEquals(owner.email(), colleague.client().execute(USER, Map.of("id", owner.userId())).data("user.email"));
        assertEquals(owner.email(), owner.client().execute(USER, Map.of("id", owner.userId())).data("user.email"));
    }

    @Test
    void someoneWhoSharesNoWorkspaceIsNotFound() {
        Account me = Accounts.register();
        Account stranger = Accounts.register();
        GraphQLClient.Result result = me.client().execute(USER, Map.of("id", stranger.userId()));
        assertEquals("NOT_FOUND", result.errorCode());
        assertNull(result.json().get("data.user"));
        assertEquals("BAD_USER_INPUT", me.client().execute(USER, Map.of("id", "nope")).errorCode());
    }

    @Test
    void aPersonWhoLeftTheOnlySharedWorkspaceIsNoLongerVisible() {
        Account owner = Accounts.register();
        Account leaver = newMember(owner, owner.workspaceId());
        leaver.client().execute("mutation($id: ID!) { leaveWorkspace(id: $id) }", Map.of("id", owner.workspaceId())).assertNoErrors();
        assertEquals("NOT_FOUND", owner.client().execute(USER, Map.of("id", leaver.userId())).errorCode());
    }

    @Test
    void peopleSearchMatchesTheStartOfTheNameAWordOfItOrTheEmail() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Account owner = register("owner-" + tag + "@example.com", "Owner Person");
        Account ada = register("zq" + tag + "@example.com", "Ada Lovelace");
        Account grace = register("gh-" + tag + "@example.com", "Grace Brewster Hopper");
        join(owner, owner.workspaceId(), ada);
        join(owner, owner.workspaceId(), grace);
        String w = owner.workspaceId();

        assertEquals(Set.of(ada.userId()), search(owner, w, "Ada"), "start of the name");
        assertEquals(Set.of(ada.userId()), search(owner, w, "Love"), "start of a later word");
        assertEquals(Set.of(grace.userId()), search(owner, w, "brew"), "start of a middle word");
        assertEquals(Set.of(ada.userId()), search(owner, w, "zq" + tag), "start of the email");
        assertEquals(Set.of(ada.userId()), search(owner, w, "LOVELACE"), "case-insensitive");
        assertEquals(Set.of(ada.userId()), search(owner, w, "ZQ" + tag.toUpperCase()), "case-insensitive email");
        assertEquals(Set.of(ada.userId()), search(owner, w, "ada lov"), "start of the whole name");
        assertEquals(Set.of(), search(owner, w, "velace"), "not mid-word");
        assertEquals(Set.of(), search(owner, w, tag), "not mid-email");
        assertEquals(Set.of(), search(owner, w, "nobody-" + tag));
        assertEquals(Set.of(owner.userId(), ada.userId(), grace.userId()), search(owner, w, null), "no query: everyone");
        // A member searches too, and sees the same.
        assertEquals(Set.of(grace.userId()), search(ada, w, "hop"));

        GraphQLClient.Result found = owner.client().execute(USERS, vars(w, "love", null, null));
        assertEquals(List.of("Ada Lovelace"), found.json().getList("data.users.nodes.name"));
        assertEquals(List.of(ada.email()), found.json().getList("data.users.nodes.email"));
    }

    @Test
    void aStrangerCannotListAWorkspacesPeople() {
        Account owner = Accounts.register();
        Account stranger = Accounts.register();
        GraphQLClient.Result result = stranger.client().execute(USERS, vars(owner.workspaceId(), null, null, null));
        assertEquals("NOT_FOUND", result.errorCode());
        GraphQLClient.Result searching = stranger.client().execute(USERS, vars(owner.workspaceId(), "test", null, null));
        assertEquals("NOT_FOUND", searching.errorCode());
    }

    @Test
    void pagingThroughPeopleReturnsEveryoneExactlyOnce() {
        Account owner = Accounts.register();
        Set<String> expected = new HashSet<>(Set.of(owner.userId()));
        for (int i = 0; i < 4; i++) {
            expected.add(newMember(owner, owner.workspaceId()).userId());
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            GraphQLClient.Result page = owner.client().execute(USERS, vars(owner.workspaceId(), null, 2, after)).assertNoErrors();
            List<String> ids = page.json().getList("data.users.nodes.id");
            seen.addAll(ids);
            more = (Boolean) page.data("users.pageInfo.hasNextPage");
            after = page.string("users.pageInfo.endCursor");
            pages++;
            if (pages > 10) {
                throw new AssertionError("paging did not end: " + seen);
            }
        }
        assertEquals(5, seen.size(), "nobody twice: " + seen);
        assertEquals(expected, new HashSet<>(seen));
        assertEquals(3, pages);

        // Paging a search works the same way.
        List<String> searched = new ArrayList<>();
        after = null;
        do {
            GraphQLClient.Result page = owner.client().execute(USERS, vars(owner.workspaceId(), "test", 2, after)).assertNoErrors();
            searched.addAll(page.json().getList("data.users.nodes.id"));
            more = (Boolean) page.data("users.pageInfo.hasNextPage");
            after = page.string("users.pageInfo.endCursor");
        } while (more && searched.size() <= 10);
        assertEquals(expected, new HashSet<>(searched));
        assertEquals(5, searched.size());
    }

    @Test
    void updateProfileSavesEveryFieldAndMeShowsThem() {
        Account me = Accounts.register();
        Map<String, Object> input = Map.of("name", "  Katherine Johnson  ", "title", "Mathematician", "timezone", "America/New_York",
                "statusText", "Computing trajectories", "statusEmoji", ":rocket:");
        GraphQLClient.Result updated = me.client().execute(UPDATE_PROFILE, Map.of("input", input));
        assertEquals("Katherine Johnson", updated.data("updateProfile.name"), "trimmed");
        assertEquals("Mathematician", updated.data("updateProfile.title"));
        assertEquals("America/New_York", updated.data("updateProfile.timezone"));
        assertEquals("Computing trajectories", updated.data("updateProfile.statusText"));
        assertEquals(":rocket:", updated.data("updateProfile.statusEmoji"));

        GraphQLClient.Result read = me.client().execute(ME);
        assertEquals(me.userId(), read.data("me.id"));
        assertEquals("Katherine Johnson", read.data("me.name"));
        assertEquals("Mathematician", read.data("me.title"));
        assertEquals("America/New_York", read.data("me.timezone"));
        assertEquals("Computing trajectories", read.data("me.statusText"));
        assertEquals(":rocket:", read.data("me.statusEmoji"));

        // Leaving fields out keeps them; an empty string clears one.
        me.client().execute(UPDATE_PROFILE, Map.of("input", Map.of("statusText", ""))).assertNoErrors();
        GraphQLClient.Result after = me.client().execute(ME);
        assertNull(after.data("me.statusText"));
        assertEquals("Mathematician", after.data("me.title"));
        assertEquals(":rocket:", after.data("me.statusEmoji"));
    }

    @Test
    void aNewNameIsFoundBySearchAndTheOldOneIsNot() {
        Account owner = Accounts.register();
        Account renamed = register(Accounts.uniqueEmail(), "Margaret Hamilton");
        join(owner, owner.workspaceId(), renamed);
        assertEquals(Set.of(renamed.userId()), search(owner, owner.workspaceId(), "hamil"));

        updateProfile(renamed, Map.of("name", "Dorothy Vaughan"));

        assertEquals(Set.of(renamed.userId()), search(owner, owner.workspaceId(), "vaugh"));
        assertEquals(Set.of(renamed.userId()), search(owner, owner.workspaceId(), "doro"));
        assertEquals(Set.of(), search(owner, owner.workspaceId(), "hamil"));
        assertEquals(Set.of(), search(owner, owner.workspaceId(), "margaret"));
        // In every workspace the person belongs to, including their own.
        assertEquals(Set.of(renamed.userId()), search(renamed, renamed.workspaceId(), "vaugh"));
        assertEquals(Set.of(), search(renamed, renamed.workspaceId(), "hamil"));
        assertEquals("Dorothy Vaughan", owner.client().execute(USER, Map.of("id", renamed.userId())).data("user.name"));
    }

    @Test
    void anUnknownTimezoneIsRefusedAndNothingChanges() {
        Account me = Accounts.register();
        updateProfile(me, Map.of("timezone", "Europe/Berlin", "name", "Before Name"));

        GraphQLClient.Result result = me.client().execute(UPDATE_PROFILE,
                Map.of("input", Map.of("timezone", "Mars/Olympus", "name", "After Name", "title", "Changed")));
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("timezone", result.errorExtension("field"));

        GraphQLClient.Result read = me.client().execute(ME);
        assertEquals("Europe/Berlin", read.data("me.timezone"));
        assertEquals("Before Name", read.data("me.name"));
        assertNull(read.data("me.title"));
    }

    @Test
    void statusEmojiTakesAShortcodeOrAnEmojiButNotText() {
        Account me = Accounts.register();
        assertEquals(":tada:", updateProfile(me, Map.of("statusEmoji", ":tada:")).data("updateProfile.statusEmoji"));
        assertEquals("🎉", updateProfile(me, Map.of("statusEmoji", "🎉")).data("updateProfile.statusEmoji"));

        GraphQLClient.Result result = me.client().execute(UPDATE_PROFILE, Map.of("input", Map.of("statusEmoji", "not an emoji")));
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("statusEmoji", result.errorExtension("field"));
        assertEquals("🎉", me.client().execute(ME).data("me.statusEmoji"));
    }

    @Test
    void anEmptyNameIsRefused() {
        Account me = Accounts.register();
        for (String name : List.of("", "   ", "n".repeat(81))) {
            GraphQLClient.Result result = me.client().execute(UPDATE_PROFILE, Map.of("input", Map.of("name", name)));
            assertEquals("BAD_USER_INPUT", result.errorCode(), name);
            assertEquals("name", result.errorExtension("field"));
        }
        assertEquals("Test Person", me.client().execute(ME).data("me.name"));
    }

    private static GraphQLClient.Result updateProfile(Account account, Map<String, Object> input) {
        return account.client().execute(UPDATE_PROFILE, Map.of("input", input)).assertNoErrors();
    }

    private static Set<String> search(Account caller, String workspaceId, String query) {
        GraphQLClient.Result result = caller.client().execute(USERS, vars(workspaceId, query, null, null)).assertNoErrors();
        List<String> ids = result.json().getList("data.users.nodes.id");
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "nobody twice: " + ids);
        return unique;
    }

    private static Map<String, Object> vars(String workspaceId, String query, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("w", workspaceId);
        variables.put("q", query);
        variables.put("first", first);
        variables.put("after", after);
        return variables;
    }
}
