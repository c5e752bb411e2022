package dev.parley.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/** Common workspace steps through the public API: creating workspaces, inviting people in, reading channels. */
public final class WorkspaceOps {

    public static final String CREATE_INVITE = "mutation($w: ID!, $input: InviteInput) { createInvite(workspaceId: $w, input: $input) "
            + "{ code email expiresAt maxUses uses } }";
    public static final String ACCEPT_INVITE = "mutation($code: String!) { acceptInvite(code: $code) { id name role } }";

    private WorkspaceOps() {
    }

    public static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a person with the given email and display name. */
    public static Accounts.Account register(String email, String name) {
        GraphQLClient.Result result = GraphQLClient.anonymous().execute(
                "mutation($input: RegisterInput!) { register(input: $input) { " + Accounts.AUTH_FIELDS + " } }",
                Map.of("input", Map.of("email", email, "password", Accounts.PASSWORD, "name", name,
                        "workspaceName", "Home of " + name)));
        return new Accounts.Account(result.string("register.user.email"), result.string("register.user.id"),
                result.string("register.workspace.id"), result.string("register.accessToken"),
                result.string("register.refreshToken"));
    }

    /** Creates a workspace owned by the account and returns its id. */
    public static String createWorkspace(Accounts.Account owner, String name) {
        return owner.client().execute("mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }",
                Map.of("input", Map.of("name", name))).string("createWorkspace.id");
    }

    /** An invite with default options (no email, no use limit). */
    public static String invite(Accounts.Account admin, String workspaceId) {
        return createInvite(admin, workspaceId, null).string("createInvite.code");
    }

    public static GraphQLClient.Result createInvite(Accounts.Account caller, String workspaceId, Map<String, Object> input) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("w", workspaceId);
        variables.put("input", input);
        return caller.client().execute(CREATE_INVITE, variables);
    }

    public static GraphQLClient.Result accept(Accounts.Account caller, String code) {
        return caller.client().execute(ACCEPT_INVITE, Map.of("code", code));
    }

    /** Brings the person into the workspace as a plain member, through an invite from the admin. */
    public static void join(Accounts.Account admin, String workspaceId, Accounts.Account person) {
        accept(person, invite(admin, workspaceId)).assertNoErrors();
    }

    /** A fresh person who is a plain member of the workspace. */
    public static Accounts.Account newMember(Accounts.Account admin, String workspaceId) {
        Accounts.Account person = Accounts.register();
        join(admin, workspaceId, person);
        return person;
    }

    /** The id of the workspace's channel with this name, as the caller sees the channel list. */
    public static String channelId(Accounts.Account caller, String workspaceId, String channelName) {
        JsonPath json = caller.client().execute("query($w: ID!) { channels(workspaceId: $w) { nodes { id name } } }",
                Map.of("w", workspaceId)).assertNoErrors().json();
        List<Map<String, Object>> nodes = json.getList("data.channels.nodes");
        return nodes.stream().filter(node -> channelName.equals(node.get("name"))).map(node -> (String) node.get("id"))
                .findFirst().orElseThrow(() -> new AssertionError("no #" + channelName + " in " + nodes));
    }

    /** The direct message of the opener and the other person in the workspace (opened, or found): its channel id. */
    public static String openDirectMessage(Accounts.Account opener, String workspaceId, Accounts.Account other) {
        return opener.client().execute("mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id } }",
                Map.of("w", workspaceId, "u", List.of(other.userId()))).string("openDirectMessage.id");
    }

    public static int memberCount(Accounts.Account caller, String channelId) {
        return ((Number) caller.client().execute("query($id: ID!) { channel(id: $id) { memberCount } }", Map.of("id", channelId))
                .data("channel.memberCount")).intValue();
    }

    /** Every member's user id, walking the workspace's members page by page. */
    public static List<String> memberIds(Accounts.Account caller, String workspaceId, int pageSize) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("w", workspaceId);
            variables.put("first", pageSize);
            variables.put("after", after);
            GraphQLClient.Result result = caller.client().execute(
                    "query($w: ID!, $first: Int, $after: String) { workspace(id: $w) { members(first: $first, after: $after) "
                            + "{ nodes { user { id } } pageInfo { hasNextPage endCursor } } } }",
                    variables).assertNoErrors();
            List<String> pageIds = result.json().getList("data.workspace.members.nodes.user.id");
            ids.addAll(pageIds);
            if (!Boolean.TRUE.equals(result.data("workspace.members.pageInfo.hasNextPage"))) {
                return ids;
            }
            after = result.string("workspace.members.pageInfo.endCursor");
        }
        throw new AssertionError("members paging did not end");
    }
}
