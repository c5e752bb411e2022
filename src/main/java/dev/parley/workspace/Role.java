package dev.parley.workspace;

/** What a member may do in a workspace: OWNER (one, can hand over), ADMIN, MEMBER. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins run the workspace (invites, roles) and moderate its channels. */
    public boolean administers() {
        return this == OWNER || this == ADMIN;
    }
}
