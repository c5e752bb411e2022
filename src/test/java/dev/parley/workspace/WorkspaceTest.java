package dev.parley.workspace;

import static dev.parley.testing.WorkspaceOps.channelId;
import static dev.parley.testing.WorkspaceOps.createWorkspace;
import static dev.parley.testing.WorkspaceOps.memberCount;
import static dev.parley.testing.WorkspaceOps.memberIds;
import static dev.parley.testing.WorkspaceOps.newMember;
import static dev.parley.testing.WorkspaceOps.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WorkspaceTest {

    private static final String CREATE = "mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) "
            + "{ id name role owner { id } } }";
    private static final String WORKSPACE = "query($id: ID!) { workspace(id: $id) { id name role owner { id } } }";
    private static final String WORKSPACES = "{ workspaces { id name role } }";
    private static final String UPDATE = "mutation($id: ID!, $name: String) { updateWorkspace(id: $id, input: { name: $name }) { id name } }";
    private static final String SWITCH = "mutation($id: ID!) { switchWorkspace(id: $id) { id currentWorkspace { id } } }";
    private static final String CURRENT = "{ me { currentWorkspace { id } } }";
    private static final String SET_ROLE = "mutation($w: ID!, $u: ID!, $r: Role!) { setWorkspaceMemberRole(workspaceId: $w, userId: $u, role: $r) "
            + "{ role user { id } } }";
    private static final String TRANSFER = "mutation($w: ID!, $u: ID!) { transferWorkspaceOwnership(workspaceId: $w, userId: $u) "
            + "{ id role owner { id } } }";
    private static final String LEAVE = "mutation($id: ID!) { leaveWorkspace(id: $id) }";
    private static final String CHANNEL_NAMES = "query($w: ID!) { channels(workspaceId: $w) { nodes { name isMember memberCount } } }";

    @Test
    void creatingAWorkspaceMakesTheCallerItsOwnerWithGeneralAndRandom() {
        Account creator = Accounts.register();
        String name = uniqueName("Team");
        GraphQLClient.Result created = creator.client().execute(CREATE, Map.of("input", Map.of("name", name)));
        String workspaceId = created.string("createWorkspace.id");
        assertEquals(name, created.data("createWorkspace.name"));
        assertEquals("OWNER", created.data("createWorkspace.role"));
        assertEquals(creator.userId(), created.data("createWorkspace.owner.id"));

        GraphQLClient.Result channels = creator.client().execute(CHANNEL_NAMES, Map.of("w", workspaceId)).assertNoErrors();
        List<String> names = channels.json().getList("data.channels.nodes.name");
        assertEquals(Set.of("general", "random"), new HashSet<>(names));
        assertEquals(2, names.size());
        assertEquals(List.of(true, true), channels.json().getList("data.channels.nodes.isMember"));
        assertEquals(List.of(1, 1), channels.json().getList("data.channels.nodes.memberCount"));

        assertEquals("OWNER", creator.client().execute(WORKSPACE, Map.of("id", workspaceId)).data("workspace.role"));
    }

    @Test
    void creatingAWorkspaceWithABlankOrTooLongNameIsRefused() {
        Account creator = Accounts.register();
        for (String name : List.of("", "   ", "w".repeat(81))) {
            GraphQLClient.Result result = creator.client().execute(CREATE, Map.of("input", Map.of("name", name)));
            assertEquals("BAD_USER_INPUT", result.errorCode(), name);
            assertEquals("name", result.errorExtension("field"));
        }
        assertEquals(List.of(creator.workspaceId()), creator.client().execute(WORKSPACES).json().getList("data.workspaces.id"));
    }

    @Test
    void workspacesListsOnlyMineOldestFirst() {
        Account me = Accounts.register();
        Account stranger = Accounts.register();
        String second = createWorkspace(me, uniqueName("Second"));

        GraphQLClient.Result mine = me.client().execute(WORKSPACES).assertNoErrors();
        assertEquals(List.of(me.workspaceId(), second), mine.json().getList("data.workspaces.id"));
        assertEquals(List.of("OWNER", "OWNER"), mine.json().getList("data.workspaces.role"));
        assertFalse(mine.json().getList("data.workspaces.id").contains(stranger.workspaceId()));
    }

    @Test
    void aStrangersWorkspaceIsNotFound() {
        Account owner = Accounts.register();
        Account stranger = Accounts.register();
        GraphQLClient.Result result = stranger.client().execute(WORKSPACE, Map.of("id", owner.workspaceId()));
        assertEquals("NOT_FOUND", result.errorCode());
        assertNull(result.json().get("data.workspace"));
    }

    @Test
    void aMalformedWorkspaceIdIsBadInput() {
        Account account = Accounts.register();
        GraphQLClient.Result read = account.client().execute(WORKSPACE, Map.of("id", "nope"));
        assertEquals("BAD_USER_INPUT", read.errorCode());
        assertEquals("id", read.errorExtension("field"));
        GraphQLClient.Result update = account.client().execute(UPDATE, Map.of("id", "nope", "name", "Whatever"));
        assertEquals("BAD_USER_INPUT", update.errorCode());
        assertEquals("id", update.errorExtension("field"));
    }

    @Test
    void theOwnerRenamesTheWorkspaceAndEveryoneSeesTheNewName() {
        Account owner = Accounts.register();
        Account member = newMember(owner, owner.workspaceId());
        String name = uniqueName("Renamed");

        GraphQLClient.Result updated = owner.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", "  " + name + "  "));
        assertEquals(name, updated.data("updateWorkspace.name"), "the name is trimmed");
        assertEquals(name, owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.name"));
        assertEquals(name, member.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.name"));

        String longest = "n".repeat(80);
        assertEquals(longest, owner.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", longest))
                .data("updateWorkspace.name"));
    }

    @Test
    void aPlainMemberCannotRenameTheWorkspace() {
        Account owner = Accounts.register();
        Account member = newMember(owner, owner.workspaceId());
        String before = nameOf(owner, owner.workspaceId());

        GraphQLClient.Result result = member.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", "Hijacked"));
        assertEquals("FORBIDDEN", result.errorCode());
        assertEquals(before, nameOf(owner, owner.workspaceId()));
    }

    @Test
    void aStrangerCannotRenameTheWorkspaceAndLearnsNothing() {
        Account owner = Accounts.register();
        Account stranger = Accounts.register();
        String before = nameOf(owner, owner.workspaceId());

        GraphQLClient.Result result = stranger.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", "Hijacked"));
        assertEquals("NOT_FOUND", result.errorCode());
        assertEquals(before, nameOf(owner, owner.workspaceId()));
    }

    @Test
    void aBlankOrTooLongNewNameIsRefusedAndTheNameStays() {
        Account owner = Accounts.register();
        String before = nameOf(owner, owner.workspaceId());
        for (String name : List.of("", "   ", "x".repeat(81))) {
            GraphQLClient.Result result = owner.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", name));
            assertEquals("BAD_USER_INPUT", result.errorCode(), name);
            assertEquals("name", result.errorExtension("field"));
        }
        assertEquals(before, nameOf(owner, owner.workspaceId()));
    }

    @Test
    void switchingWorkspaceSetsTheCurrentWorkspace() {
        Account me = Accounts.register();
        String second = createWorkspace(me, uniqueName("Second"));

        GraphQLClient.Result switched = me.client().execute(SWITCH, Map.of("id", second));
        assertEquals(me.userId(), switched.data("switchWorkspace.id"));
        assertEquals(second, switched.data("switchWorkspace.currentWorkspace.id"));
        assertEquals(second, me.client().execute(CURRENT).data("me.currentWorkspace.id"));

        me.client().execute(SWITCH, Map.of("id", me.workspaceId())).assertNoErrors();
        assertEquals(me.workspaceId(), me.client().execute(CURRENT).data("me.currentWorkspace.id"));
    }

    @Test
    void switchingToAStrangersWorkspaceIsNotFoundAndChangesNothing() {
        Account me = Accounts.register();
        Account stranger = Accounts.register();
        String second = createWorkspace(me, uniqueName("Second"));
        me.client().execute(SWITCH, Map.of("id", second)).assertNoErrors();

        GraphQLClient.Result result = me.client().execute(SWITCH, Map.of("id", stranger.workspaceId()));
        assertEquals("NOT_FOUND", result.errorCode());
        assertEquals(second, me.client().execute(CURRENT).data("me.currentWorkspace.id"));
    }

    @Test
    void theOwnerCanMakeSomeoneAnAdminWhoCanThenRenameTheWorkspace() {
        Account owner = Accounts.register();
        Account helper = newMember(owner, owner.workspaceId());
        assertEquals("MEMBER", helper.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));

        GraphQLClient.Result promoted = owner.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", helper.userId(), "r", "ADMIN"));
        assertEquals("ADMIN", promoted.data("setWorkspaceMemberRole.role"));
        assertEquals(helper.userId(), promoted.data("setWorkspaceMemberRole.user.id"));
        assertEquals("ADMIN", helper.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));

        String name = uniqueName("By the admin");
        assertEquals(name, helper.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", name)).data("updateWorkspace.name"));
        assertEquals(name, nameOf(owner, owner.workspaceId()));

        // And back to a plain member: the power goes with the role.
        owner.client().execute(SET_ROLE, Map.of("w", owner.workspaceId(), "u", helper.userId(), "r", "MEMBER")).assertNoErrors();
        assertEquals("FORBIDDEN", helper.client().execute(UPDATE, Map.of("id", owner.workspaceId(), "name", "Again")).errorCode());
    }

    @Test
    void aPlainMemberCannotChangeRoles() {
        Account owner = Accounts.register();
        Account member = newMember(owner, owner.workspaceId());
        Account other = newMember(owner, owner.workspaceId());

        GraphQLClient.Result result = member.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", other.userId(), "r", "ADMIN"));
        assertEquals("FORBIDDEN", result.errorCode());
        GraphQLClient.Result self = member.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", member.userId(), "r", "ADMIN"));
        assertEquals("FORBIDDEN", self.errorCode());
        assertEquals("MEMBER", other.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
        assertEquals("MEMBER", member.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
    }

    @Test
    void nobodyBecomesOwnerThroughARoleChange() {
        Account owner = Accounts.register();
        Account member = newMember(owner, owner.workspaceId());

        GraphQLClient.Result result = owner.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", member.userId(), "r", "OWNER"));
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("role", result.errorExtension("field"));
        assertEquals("MEMBER", member.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
        assertEquals(owner.userId(), owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.owner.id"));
    }

    @Test
    void nobodyCanChangeTheOwnersRoleNotEvenTheOwner() {
        Account owner = Accounts.register();
        Account admin = newMember(owner, owner.workspaceId());
        owner.client().execute(SET_ROLE, Map.of("w", owner.workspaceId(), "u", admin.userId(), "r", "ADMIN")).assertNoErrors();

        assertEquals("FORBIDDEN", admin.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", owner.userId(), "r", "MEMBER")).errorCode());
        assertEquals("FORBIDDEN", owner.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", owner.userId(), "r", "ADMIN")).errorCode());
        assertEquals("OWNER", owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
    }

    @Test
    void rolesAndOwnershipGoOnlyToMembers() {
        Account owner = Accounts.register();
        Account outsider = Accounts.register();
        assertEquals("NOT_FOUND", owner.client().execute(SET_ROLE,
                Map.of("w", owner.workspaceId(), "u", outsider.userId(), "r", "ADMIN")).errorCode());
        assertEquals("NOT_FOUND", owner.client().execute(TRANSFER,
                Map.of("w", owner.workspaceId(), "u", outsider.userId())).errorCode());
        assertEquals(owner.userId(), owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.owner.id"));
        assertEquals("NOT_FOUND", outsider.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).errorCode());
    }

    @Test
    void transferringOwnershipMakesTheOldOwnerAnAdmin() {
        Account owner = Accounts.register();
        Account heir = newMember(owner, owner.workspaceId());

        GraphQLClient.Result transferred = owner.client().execute(TRANSFER, Map.of("w", owner.workspaceId(), "u", heir.userId()));
        assertEquals(heir.userId(), transferred.data("transferWorkspaceOwnership.owner.id"));
        assertEquals("ADMIN", transferred.data("transferWorkspaceOwnership.role"));

        GraphQLClient.Result heirView = heir.client().execute(WORKSPACE, Map.of("id", owner.workspaceId()));
        assertEquals("OWNER", heirView.data("workspace.role"));
        assertEquals(heir.userId(), heirView.data("workspace.owner.id"));
        assertEquals("ADMIN", owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));

        // The former owner, now an admin, cannot take it back.
        GraphQLClient.Result back = owner.client().execute(TRANSFER, Map.of("w", owner.workspaceId(), "u", owner.userId()));
        assertEquals("FORBIDDEN", back.errorCode());
        // And the former owner may now leave; the new one may not.
        assertEquals("FORBIDDEN", heir.client().execute(LEAVE, Map.of("id", owner.workspaceId())).errorCode());
    }

    @Test
    void anAdminCannotTransferOwnership() {
        Account owner = Accounts.register();
        Account admin = newMember(owner, owner.workspaceId());
        owner.client().execute(SET_ROLE, Map.of("w", owner.workspaceId(), "u", admin.userId(), "r", "ADMIN")).assertNoErrors();

        GraphQLClient.Result result = admin.client().execute(TRANSFER, Map.of("w", owner.workspaceId(), "u", admin.userId()));
        assertEquals("FORBIDDEN", result.errorCode());
        GraphQLClient.Result view = owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId()));
        assertEquals(owner.userId(), view.data("workspace.owner.id"));
        assertEquals("OWNER", view.data("workspace.role"));
        assertEquals("ADMIN", admin.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
    }

    @Test
    void theOwnerCannotLeaveAndStaysAMember() {
        Account owner = Accounts.register();
        GraphQLClient.Result result = owner.client().execute(LEAVE, Map.of("id", owner.workspaceId()));
        assertEquals("FORBIDDEN", result.errorCode());
        assertEquals("OWNER", owner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
        assertEquals(List.of(owner.userId()), memberIds(owner, owner.workspaceId(), 50));
        assertEquals(1, memberCount(owner, channelId(owner, owner.workspaceId(), "general")));
    }

    @Test
    void aMemberWhoLeavesLosesTheWorkspaceAndItsChannels() {
        Account owner = Accounts.register();
        Account leaver = newMember(owner, owner.workspaceId());
        String general = channelId(owner, owner.workspaceId(), "general");
        String random = channelId(owner, owner.workspaceId(), "random");
        leaver.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", random)).assertNoErrors();
        leaver.client().execute(SWITCH, Map.of("id", owner.workspaceId())).assertNoErrors();
        assertEquals(2, memberCount(owner, general));
        assertEquals(2, memberCount(owner, random));

        assertEquals(Boolean.TRUE, leaver.client().execute(LEAVE, Map.of("id", owner.workspaceId())).data("leaveWorkspace"));

        assertEquals("NOT_FOUND", leaver.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).errorCode());
        assertFalse(leaver.client().execute(WORKSPACES).json().getList("data.workspaces.id").contains(owner.workspaceId()));
        assertNull(leaver.client().execute(CURRENT).data("me.currentWorkspace"), "a workspace left is nobody's current one");
        assertEquals(List.of(owner.userId()), memberIds(owner, owner.workspaceId(), 50));
        assertEquals(1, memberCount(owner, general));
        assertEquals(1, memberCount(owner, random));
        // Leaving twice: there is nothing left to leave.
        assertEquals("NOT_FOUND", leaver.client().execute(LEAVE, Map.of("id", owner.workspaceId())).errorCode());
    }

    @Test
    void membersPagesListEveryMemberExactlyOnce() {
        Account owner = Accounts.register();
        Set<String> expected = new HashSet<>(Set.of(owner.userId()));
        for (int i = 0; i < 4; i++) {
            expected.add(newMember(owner, owner.workspaceId()).userId());
        }

        List<String> paged = memberIds(owner, owner.workspaceId(), 2);
        assertEquals(5, paged.size(), "no member twice: " + paged);
        assertEquals(expected, new HashSet<>(paged));
        assertEquals(paged, memberIds(owner, owner.workspaceId(), 50), "same order whatever the page size");

        GraphQLClient.Result first = owner.client().execute(
                "query($w: ID!) { workspace(id: $w) { members(first: 2) { edges { cursor node { role user { id } } } pageInfo { hasNextPage } } } }",
                Map.of("w", owner.workspaceId()));
        assertEquals(2, first.json().getList("data.workspace.members.edges").size());
        assertTrue((Boolean) first.data("workspace.members.pageInfo.hasNextPage"));
    }

    private static String nameOf(Account caller, String workspaceId) {
        return caller.client().execute(WORKSPACE, Map.of("id", workspaceId)).string("workspace.name");
    }
}
