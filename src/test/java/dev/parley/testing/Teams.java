package dev.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workspace with an owner and members who joined through an invite, made through the public API. */
public final class Teams {

    private Teams() {
    }

    public record Team(String workspaceId, Accounts.Account owner, List<Accounts.Account> members) {
        public Accounts.Account member(int index) {
            return members.get(index);
        }
    }

    public static Team withMembers(int count) {
        Accounts.Account owner = Accounts.register();
        List<Accounts.Account> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(WorkspaceOps.newMember(owner, owner.workspaceId()));
        }
        return new Team(owner.workspaceId(), owner, members);
    }

    /** Creates a channel as {@code creator}; returns its id. */
    public static String channel(Accounts.Account creator, String workspaceId, String name, boolean isPrivate) {
        return creator.client().execute("mutation($i: CreateChannelInput!) { createChannel(input: $i) { id } }",
                Map.of("i", Map.of("workspaceId", workspaceId, "name", name, "isPrivate", isPrivate)))
                .string("createChannel.id");
    }

    /** A channel name no other test uses. */
    public static String channelName(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
