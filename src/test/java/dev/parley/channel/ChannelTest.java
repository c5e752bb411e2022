package dev.parley.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ChannelTest {

    private static final String CHANNEL = "query($id: ID!) { channel(id: $id) { id name kind topic purpose archived memberCount isMember } }";
    private static final String CREATE = "mutation($i: CreateChannelInput!) { createChannel(input: $i) { id name kind memberCount isMember } }";
    private static final String UPDATE = "mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { name topic purpose } }";

    @Inject
    Dynamo dynamo;

    @Test
    void createAPublicChannelThatTheCreatorIsIn() {
        Accounts.Account owner = Accounts.register();
        String name = Teams.channelName("design");
        GraphQLClient.Result created = owner.client().execute(CREATE,
                Map.of("i", Map.of("workspaceId", owner.workspaceId(), "name", name, "topic", "Pixels")));
        assertEquals(name, created.string("createChannel.name"));
        assertEquals("PUBLIC", created.string("createChannel.kind"));
        assertEquals(1, created.data("createChannel.memberCount"));
        assertEquals(true, created.data("createChannel.isMember"));
        GraphQLClient.Result read = owner.client().execute(CHANNEL, Map.of("id", created.string("createChannel.id")));
        assertEquals("Pixels", read.string("channel.topic"));
    }

    @Test
    void namesAreLowerCasedAndBadNamesAreRefusedWithoutWritingAnything() {
        Accounts.Account owner = Accounts.register();
        GraphQLClient.Result upper = owner.client().execute(CREATE,
                Map.of("i", Map.of("workspaceId", owner.workspaceId(), "name", "Release-Train")));
        assertEquals("release-train", upper.string("createChannel.name"));
        for (String bad : List.of("", "has space", "ümlaut", "dots.not.allowed", "x".repeat(81), "#hash")) {
            GraphQLClient.Result result = owner.client().execute(CREATE, Map.of("i", Map.of("workspaceId", owner.workspaceId(), "name", bad)));
            assertEquals("BAD_USER_INPUT", result.errorCode(), bad);
            assertEquals("name", result.errorExtension("field"));
        }
        assertEquals(3, countChannels(owner.workspaceId()), "#general, #random and #release-train only");
    }

    @Test
    void aTakenNameIsAConflictAndAStrangerCannotCreateInSomeoneElsesWorkspace() {
        Accounts.Account owner = Accounts.register();
        GraphQLClient.Result taken = owner.client().execute(CREATE, Map.of("i", Map.of("workspaceId", owner.workspaceId(), "name", "random")));
        assertEquals("CONFLICT", taken.errorCode());
        assertEquals("name", taken.errorExtension("field"));

        Accounts.Account stranger = Accounts.register();
        GraphQLClient.Result strangers = stranger.client().execute(CREATE,
                Map.of("i", Map.of("workspaceId", owner.workspaceId(), "name", "intruders")));
        assertEquals("NOT_FOUND", strangers.errorCode());
        assertEquals(2, countChannels(owner.workspaceId()));
        GraphQLClient.Result badId = owner.client().execute(CREATE, Map.of("i", Map.of("workspaceId", "nope", "name", "fine")));
        assertEquals("BAD_USER_INPUT", badId.errorCode());
        assertEquals("workspaceId", badId.errorExtension("field"));
    }

    @Test
    void privateChannelsAreInvisibleToNonMembersAndStrangers() {
        Teams.Team team = Teams.withMembers(1);
        String secret = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("secret"), true);
        Accounts.Account outsider = team.member(0);
        Accounts.Account stranger = Accounts.register();

        assertEquals("NOT_FOUND", outsider.client().execute(CHANNEL, Map.of("id", secret)).errorCode());
        assertEquals("NOT_FOUND", stranger.client().execute(CHANNEL, Map.of("id", secret)).errorCode());
        assertFalse(channelIdsVisibleTo(outsider, team.workspaceId()).contains(secret));
        assertTrue(channelIdsVisibleTo(team.owner(), team.workspaceId()).contains(secret));
        assertEquals("NOT_FOUND", outsider.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", secret)).errorCode());
        assertEquals("NOT_FOUND", stranger.client().execute("query($w: ID!) { channels(workspaceId: $w) { nodes { id } } }",
                Map.of("w", team.workspaceId())).errorCode());
        assertEquals("NOT_FOUND", outsider.client().execute(CHANNEL, Map.of("id", Ids.newId())).errorCode());
        assertEquals("BAD_USER_INPUT", outsider.client().execute(CHANNEL, Map.of("id", "not-an-id")).errorCode());
    }

    @Test
    void membersSetTheTopicButOnlyTheCreatorOrAnAdminRenames() {
        Teams.Team team = Teams.withMembers(1);
        String name = Teams.channelName("ops");
        String id = Teams.channel(team.owner(), team.workspaceId(), name, false);
        Accounts.Account member = team.member(0);
        member.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", id)).assertNoErrors();

        GraphQLClient.Result topic = member.client().execute(UPDATE, Map.of("id", id, "i", Map.of("topic", "On call: Ada")));
        assertEquals("On call: Ada", topic.string("updateChannel.topic"));
        GraphQLClient.Result rename = member.client().execute(UPDATE, Map.of("id", id, "i", Map.of("name", "mine-now")));
        assertEquals("FORBIDDEN", rename.errorCode());
        assertEquals(name, team.owner().client().execute(CHANNEL, Map.of("id", id)).string("channel.name"));

        String renamed = Teams.channelName("operations");
        assertEquals(renamed, team.owner().client().execute(UPDATE, Map.of("id", id, "i", Map.of("name", renamed))).string("updateChannel.name"));
        assertEquals("CONFLICT", team.owner().client().execute(UPDATE, Map.of("id", id, "i", Map.of("name", "general"))).errorCode());
        String both = Teams.channelName("ops-both");
        GraphQLClient.Result together = team.owner().client().execute(UPDATE, Map.of("id", id, "i", Map.of("name", both, "purpose", "Keep it up")));
        assertEquals(both, together.string("updateChannel.name"));
        assertEquals("Keep it up", team.owner().client().execute(CHANNEL, Map.of("id", id)).string("channel.purpose"));
        team.owner().client().execute(UPDATE, Map.of("id", id, "i", Map.of("name", renamed))).assertNoErrors();
        // The old name is free again.
        Teams.channel(team.owner(), team.workspaceId(), name, false);
        assertEquals("BAD_USER_INPUT", team.owner().client().execute(UPDATE, Map.of("id", id, "i", Map.of("topic", "t".repeat(251)))).errorCode());
        assertEquals("On call: Ada", team.owner().client().execute(CHANNEL, Map.of("id", id)).string("channel.topic"));
        assertNull(member.client().execute(UPDATE, Map.of("id", id, "i", Map.of("topic", ""))).data("updateChannel.topic"), "empty clears");
    }

    @Test
    void archivingStopsNewMembersAndGeneralCannotBeArchived() {
        Teams.Team team = Teams.withMembers(1);
        String id = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("old"), false);
        Accounts.Account member = team.member(0);
        assertEquals("FORBIDDEN", member.client().execute("mutation($id: ID!) { archiveChannel(id: $id) { archived } }", Map.of("id", id)).errorCode());
        assertEquals(true, team.owner().client().execute("mutation($id: ID!) { archiveChannel(id: $id) { archived } }", Map.of("id", id))
                .data("archiveChannel.archived"));

        GraphQLClient.Result join = member.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", id));
        assertEquals("BAD_USER_INPUT", join.errorCode());
        assertEquals("CHANNEL_ARCHIVED", join.errorExtension("subCode"));
        assertEquals(1, team.owner().client().execute(CHANNEL, Map.of("id", id)).data("channel.memberCount"));
        assertFalse(channelIdsVisibleTo(member, team.workspaceId()).contains(id), "archived channels are listed only on request");

        team.owner().client().execute("mutation($id: ID!) { unarchiveChannel(id: $id) { archived } }", Map.of("id", id)).assertNoErrors();
        member.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", id)).assertNoErrors();

        String general = generalOf(team.owner());
        assertEquals("FORBIDDEN", team.owner().client().execute("mutation($id: ID!) { archiveChannel(id: $id) { id } }", Map.of("id", general)).errorCode());
        assertEquals("FORBIDDEN", member.client().execute("mutation($id: ID!) { leaveChannel(id: $id) }", Map.of("id", general)).errorCode());
    }

    @Test
    void joiningAndLeavingKeepTheMemberCountExact() {
        Teams.Team team = Teams.withMembers(2);
        String id = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("lunch"), false);
        for (Accounts.Account member : team.members()) {
            member.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", id)).assertNoErrors();
            member.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", id)).assertNoErrors();
        }
        assertEquals(3, team.owner().client().execute(CHANNEL, Map.of("id", id)).data("channel.memberCount"));
        team.member(0).client().execute("mutation($id: ID!) { leaveChannel(id: $id) }", Map.of("id", id)).assertNoErrors();
        team.member(0).client().execute("mutation($id: ID!) { leaveChannel(id: $id) }", Map.of("id", id)).assertNoErrors();
        GraphQLClient.Result after = team.member(0).client().execute(CHANNEL, Map.of("id", id));
        assertEquals(2, after.data("channel.memberCount"));
        assertEquals(false, after.data("channel.isMember"));
        List<String> members = team.owner().client().execute("query($id: ID!) { channel(id: $id) { members { nodes { id } } } }",
                Map.of("id", id)).json().getList("data.channel.members.nodes.id");
        assertEquals(List.of(team.owner().userId(), team.member(1).userId()).stream().sorted().toList(), members);
    }

    @Test
    void addingAndRemovingMembersOfAPrivateChannel() {
        Teams.Team team = Teams.withMembers(2);
        String id = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("leads"), true);
        Accounts.Account lead = team.member(0);
        Accounts.Account other = team.member(1);
        Accounts.Account stranger = Accounts.register();
        String add = "mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { memberCount } }";
        String remove = "mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { memberCount } }";

        GraphQLClient.Result selfAdd = other.client().execute(add, Map.of("c", id, "u", List.of(other.userId())));
        assertEquals("NOT_FOUND", selfAdd.errorCode(), selfAdd.json().prettify());
        GraphQLClient.Result strangerAdded = team.owner().client().execute(add, Map.of("c", id, "u", List.of(stranger.userId())));
        assertEquals("BAD_USER_INPUT", strangerAdded.errorCode());
        assertEquals("userIds", strangerAdded.errorExtension("field"));
        assertEquals(2, team.owner().client().execute(add, Map.of("c", id, "u", List.of(lead.userId(), lead.userId()))).data("addChannelMembers.memberCount"));
        assertEquals(2, team.owner().client().execute(add, Map.of("c", id, "u", List.of(lead.userId()))).data("addChannelMembers.memberCount"));
        assertEquals(true, lead.client().execute(CHANNEL, Map.of("id", id)).data("channel.isMember"));

        // A member who is neither the creator nor an admin cannot remove others.
        team.owner().client().execute(add, Map.of("c", id, "u", List.of(other.userId()))).assertNoErrors();
        assertEquals("FORBIDDEN", lead.client().execute(remove, Map.of("c", id, "u", other.userId())).errorCode());
        assertEquals(3, team.owner().client().execute(CHANNEL, Map.of("id", id)).data("channel.memberCount"));
        assertEquals(2, team.owner().client().execute(remove, Map.of("c", id, "u", other.userId())).data("removeChannelMember.memberCount"));
        GraphQLClient.Result gone = other.client().execute(CHANNEL, Map.of("id", id));
        assertEquals("NOT_FOUND", gone.errorCode(), gone.json().prettify());
    }

    @Test
    void readMarkersMoveForwardOnly() {
        Accounts.Account owner = Accounts.register();
        String id = generalOf(owner);
        String send = "mutation($c: ID!, $t: String!, $k: String!) { sendMessage(input: {channelId: $c, text: $t, clientMessageId: $k}) { id } }";
        String older = owner.client().execute(send, Map.of("c", id, "t", "one", "k", Ids.newId())).string("sendMessage.id");
        String newer = owner.client().execute(send, Map.of("c", id, "t", "two", "k", Ids.newId())).string("sendMessage.id");
        String mark = "mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { lastReadMessageId unreadCount mentionCount } }";
        assertEquals(newer, owner.client().execute(mark, Map.of("c", id, "m", newer)).string("markChannelRead.lastReadMessageId"));
        assertEquals(newer, owner.client().execute(mark, Map.of("c", id, "m", older)).string("markChannelRead.lastReadMessageId"));
        assertEquals("BAD_USER_INPUT", owner.client().execute(mark, Map.of("c", id, "m", "zzz")).errorCode());
        assertEquals("BAD_USER_INPUT", owner.client().execute(mark, Map.of("c", id, "m", Ids.newId())).errorCode(), "not a message here");

        Teams.Team team = Teams.withMembers(1);
        String notJoined = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("later"), false);
        String message = team.owner().client().execute(send, Map.of("c", notJoined, "t", "hi", "k", Ids.newId())).string("sendMessage.id");
        assertEquals("FORBIDDEN", team.member(0).client().execute(mark, Map.of("c", notJoined, "m", message)).errorCode());
        assertNull(team.member(0).client().execute(CHANNEL.replace("isMember", "isMember lastReadMessageId"), Map.of("id", notJoined))
                .data("channel.lastReadMessageId"));
    }

    private int countChannels(String workspaceId) {
        return dynamo.client().query(b -> b.tableName(dynamo.name(Table.CHANNELS)).keyConditionExpression("workspaceId = :w")
                .expressionAttributeValues(Map.of(":w", Items.s(workspaceId)))).count();
    }

    static List<String> channelIdsVisibleTo(Accounts.Account account, String workspaceId) {
        return account.client().execute("query($w: ID!) { channels(workspaceId: $w, first: 200) { nodes { id } } }",
                Map.of("w", workspaceId)).json().getList("data.channels.nodes.id");
    }

    static String generalOf(Accounts.Account account) {
        return WorkspaceOps.channelId(account, account.workspaceId(), "general");
    }
}
