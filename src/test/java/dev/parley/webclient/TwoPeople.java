package dev.parley.webclient;

import java.util.Map;

import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.WorkspaceOps;

/** Ada, who owns the workspace "Analytical Engines", and Grace, whom she invited: made through the API. */
record TwoPeople(Account ada, Account grace, String workspaceId) {

    static TwoPeople inOneWorkspace() {
        Account ada = WorkspaceOps.register(Accounts.uniqueEmail(), "Ada Lovelace");
        Account grace = WorkspaceOps.register(Accounts.uniqueEmail(), "Grace Hopper");
        ada.client().execute("mutation($id: ID!) { updateWorkspace(id: $id, input: { name: \"Analytical Engines\" }) { id } }",
                Map.of("id", ada.workspaceId())).assertNoErrors();
        WorkspaceOps.join(ada, ada.workspaceId(), grace);
        return new TwoPeople(ada, grace, ada.workspaceId());
    }

    /** A channel of the workspace as someone sees it. */
    String channelId(Account who, String name) {
        return WorkspaceOps.channelId(who, workspaceId, name);
    }
}
