package dev.parley.workspace;

import static dev.parley.testing.WorkspaceOps.accept;
import static dev.parley.testing.WorkspaceOps.channelId;
import static dev.parley.testing.WorkspaceOps.createInvite;
import static dev.parley.testing.WorkspaceOps.invite;
import static dev.parley.testing.WorkspaceOps.memberCount;
import static dev.parley.testing.WorkspaceOps.memberIds;
import static dev.parley.testing.WorkspaceOps.newMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.WorkspaceItems;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InviteTest {

    private static final String WORKSPACE = "query($id: ID!) { workspace(id: $id) { id role } }";
    private static final String CHANNEL = "query($id: ID!) { channel(id: $id) { isMember memberCount } }";

    @Inject
    WorkspaceItems items;

    @Test
    void acceptingAnInviteJoinsTheWorkspaceAndGeneral() {
        Account owner = Accounts.register();
        Account joiner = Accounts.register();
        String general = channelId(owner, owner.workspaceId(), "general");

        GraphQLClient.Result accepted = accept(joiner, invite(owner, owner.workspaceId()));
        assertEquals(owner.workspaceId(), accepted.data("acceptInvite.id"));
        assertEquals("MEMBER", accepted.data("acceptInvite.role"));

        assertEquals("MEMBER", joiner.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).data("workspace.role"));
        assertTrue(joiner.client().execute("{ workspaces { id } }").json().getList("data.workspaces.id").contains(owner.workspaceId()));
        GraphQLClient.Result channel = joiner.client().execute(CHANNEL, Map.of("id", general));
        assertEquals(Boolean.TRUE, channel.data("channel.isMember"));
        assertEquals(2, channel.data("channel.memberCount"));
        // Only #general: #random is there to join, not joined.
        GraphQLClient.Result random = joiner.client().execute(CHANNEL, Map.of("id", channelId(joiner, owner.workspaceId(), "random")));
        assertEquals(Boolean.FALSE, random.data("channel.isMember"));
        assertEquals(1, random.data("channel.memberCount"));
    }

    @Test
    void aNewInviteHasTheDefaultsAndNoUses() {
        Account owner = Accounts.register();
        GraphQLClient.Result created = createInvite(owner, owner.workspaceId(), null);
        assertNotNull(created.string("createInvite.code"));
        assertEquals(0, created.data("createInvite.uses"));
        assertNull(created.data("createInvite.maxUses"));
        assertNull(created.data("createInvite.email"));
        Instant expiresAt = Instant.parse(created.string("createInvite.expiresAt"));
        Instant expected = Instant.now().plus(Duration.ofHours(168));
        assertTrue(Duration.between(expiresAt, expected).abs().compareTo(Duration.ofMinutes(5)) < 0, "a week: " + expiresAt);

        GraphQLClient.Result limited = createInvite(owner, owner.workspaceId(), Map.of("expiresInHours", 1, "maxUses", 3));
        assertEquals(3, limited.data("createInvite.maxUses"));
        Instant inAnHour = Instant.parse(limited.string("createInvite.expiresAt"));
        assertTrue(Duration.between(inAnHour, Instant.now().plus(Duration.ofHours(1))).abs().compareTo(Duration.ofMinutes(5)) < 0);
    }

    @Test
    void acceptingTwiceIsHarmlessAndUsesTheInviteOnce() {
        Account owner = Accounts.register();
        Account joiner = Accounts.register();
        String code = createInvite(owner, owner.workspaceId(), Map.of("maxUses", 2)).string("createInvite.code");

        assertEquals(owner.workspaceId(), accept(joiner, code).data("acceptInvite.id"));
        GraphQLClient.Result again = accept(joiner, code);
        assertEquals(owner.workspaceId(), again.data("acceptInvite.id"));
        assertEquals("MEMBER", again.data("acceptInvite.role"));
        assertEquals(Optional.of(1L), items.inviteUses(code));
        assertEquals(2, memberCount(owner, channelId(owner, owner.workspaceId(), "general")));
        assertEquals(2, memberIds(owner, owner.workspaceId(), 50).size());

        // The second use is still there for someone else.
        Account third = Accounts.register();
        assertEquals(owner.workspaceId(), accept(third, code).data("acceptInvite.id"));
        assertEquals(Optional.of(2L), items.inviteUses(code));
        assertEquals(3, memberCount(owner, channelId(owner, owner.workspaceId(), "general")));
    }

    @Test
    void theOwnerAcceptingTheirOwnInviteChangesNothing() {
        Account owner = Accounts.register();
        String code = createInvite(owner, owner.workspaceId(), Map.of("maxUses", 1)).string("createInvite.code");
        GraphQLClient.Result result = accept(owner, code);
        assertEquals(owner.workspaceId(), result.data("acceptInvite.id"));
        assertEquals("OWNER", result.data("acceptInvite.role"));
        assertEquals(Optional.of(0L), items.inviteUses(code));
    }

    @Test
    void anExpiredInviteIsRefusedAndJoinsNobody() {
        Account owner = Accounts.register();
        Account late = Accounts.register();
        String code = invite(owner, owner.workspaceId());
        items.expireInvite(code, Instant.now().minus(Duration.ofMinutes(1)));

        GraphQLClient.Result result = accept(late, code);
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("INVITE_EXPIRED", result.errorExtension("subCode"));
        assertEquals("NOT_FOUND", late.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).errorCode());
        assertEquals(List.of(owner.userId()), memberIds(owner, owner.workspaceId(), 50));
        // Nothing was counted; the expired item may also be gone already (DynamoDB Local's TTL deleted it in one CI run).
        assertEquals(0L, items.inviteUses(code).orElse(0L));
    }

    @Test
    void aUsedUpInviteIsRefusedToTheNextPerson() {
        Account owner = Accounts.register();
        Account first = Accounts.register();
        Account second = Accounts.register();
        String code = createInvite(owner, owner.workspaceId(), Map.of("maxUses", 1)).string("createInvite.code");
        accept(first, code).assertNoErrors();

        GraphQLClient.Result result = accept(second, code);
        assertEquals("BAD_USER_INPUT", result.errorCode());
        assertEquals("INVITE_EXPIRED", result.errorExtension("subCode"));
        assertEquals("NOT_FOUND", second.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).errorCode());
        assertEquals(2, memberIds(owner, owner.workspaceId(), 50).size());
        assertEquals(2, memberCount(owner, channelId(owner, owner.workspaceId(), "general")));
        assertEquals(Optional.of(1L), items.inviteUses(code));
    }

    @Test
    void anUnknownCodeIsInvalid() {
        Account someone = Accounts.register();
        for (String code : List.of("no-such-invite-code", "", "x".repeat(101))) {
            GraphQLClient.Result result = accept(someone, code);
            assertEquals("BAD_USER_INPUT", result.errorCode(), code);
            assertEquals("INVITE_INVALID", result.errorExtension("subCode"));
            assertEquals("code", result.errorExtension("field"));
        }
    }

    @Test
    void acceptingWithoutSigningInIsUnauthenticated() {
        Account owner = Accounts.register();
        String code = invite(owner, owner.workspaceId());
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(
                "mutation($code: String!) { acceptInvite(code: $code) { id } }", Map.of("code", code));
        assertEquals("UNAUTHENTICATED", result.errorCode());
        assertEquals(Optional.of(0L), items.inviteUses(code));
    }

    @Test
    void anInviteForOneEmailIsInvalidForAnyoneElse() {
        Account owner = Accounts.register();
        Account intended = Accounts.register();
        Account other = Accounts.register();
        GraphQLClient.Result created = createInvite(owner, owner.workspaceId(), Map.of("email", "  " + intended.email().toUpperCase() + " "));
        String code = created.string("createInvite.code");
        assertEquals(intended.email(), created.data("createInvite.email"), "stored normalised");

        GraphQLClient.Result refused = accept(other, code);
        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertEquals("INVITE_INVALID", refused.errorExtension("subCode"));
        assertEquals("NOT_FOUND", other.client().execute(WORKSPACE, Map.of("id", owner.workspaceId())).errorCode());
        assertEquals(Optional.of(0L), items.inviteUses(code));

        assertEquals(owner.workspaceId(), accept(intended, code).data("acceptInvite.id"));
    }

    @Test
    void aPlainMemberCannotInvite() {
        Account owner = Accounts.register();
        Account member = newMember(owner, owner.workspaceId());
        GraphQLClient.Result result = createInvite(member, owner.workspaceId(), null);
        assertEquals("FORBIDDEN", result.errorCode());
    }

    @Test
    void anAdminCanInvite() {
        Account owner = Accounts.register();
        Account admin = newMember(owner, owner.workspaceId());
        owner.client().execute("mutation($w: ID!, $u: ID!) { setWorkspaceMemberRole(workspaceId: $w, userId: $u, role: ADMIN) { role } }",
                Map.of("w", owner.workspaceId(), "u", admin.userId())).assertNoErrors();
        Account joiner = Accounts.register();
        assertEquals(owner.workspaceId(), accept(joiner, invite(admin, owner.workspaceId())).data("acceptInvite.id"));
    }

    @Test
    void aStrangerCannotInviteAndLearnsNothing() {
        Account owner = Accounts.register();
        Account stranger = Accounts.register();
        GraphQLClient.Result result = createInvite(stranger, owner.workspaceId(), null);
        assertEquals("NOT_FOUND", result.errorCode());
    }

    @Test
    void expiryOutsideOneHourToThirtyDaysIsRefused() {
        Account owner = Accounts.register();
        for (int hours : List.of(0, -1, 721)) {
            GraphQLClient.Result result = createInvite(owner, owner.workspaceId(), Map.of("expiresInHours", hours));
            assertEquals("BAD_USER_INPUT", result.errorCode(), "hours " + hours);
            assertEquals("expiresInHours", result.errorExtension("field"));
        }
        createInvite(owner, owner.workspaceId(), Map.of("expiresInHours", 720)).assertNoErrors();
    }

    @Test
    void maxUsesOutsideOneToAThousandIsRefused() {
        Account owner = Accounts.register();
        for (int maxUses : List.of(0, -5, 1001)) {
            GraphQLClient.Result result = createInvite(owner, owner.workspaceId(), Map.of("maxUses", maxUses));
            assertEquals("BAD_USER_INPUT", result.errorCode(), "maxUses " + maxUses);
            assertEquals("maxUses", result.errorExtension("field"));
        }
    }
}
