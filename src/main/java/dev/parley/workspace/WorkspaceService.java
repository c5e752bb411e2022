package dev.parley.workspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelKind;
import dev.parley.channel.ChannelStore;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Ids;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The rules of workspaces: founding one, reading one, the caller's role in it. */
@ApplicationScoped
public class WorkspaceService {

    public static final int MAX_NAME_LENGTH = 80;
    static final List<String> DEFAULT_CHANNELS = List.of("general", "random");

    private final WorkspaceStore workspaces;
    private final ChannelStore channels;

    public WorkspaceService(WorkspaceStore workspaces, ChannelStore channels) {
        this.workspaces = workspaces;
        this.channels = channels;
    }

    /** A new workspace and everything it starts with, as writes the caller commits atomically. */
    public record Founding(Workspace workspace, List<TransactWriteItem> writes) {
    }

    /**
     * A workspace owned by {@code ownerId} with its #general and #random channels, the owner a member
     * of each. {@code nameField} names the input the name came from, for BAD_USER_INPUT.
     */
    public Founding found(String nameField, String name, String ownerId, Instant now) {
        Workspace workspace = new Workspace(Ids.newId(now), Inputs.text(nameField, name, 1, MAX_NAME_LENGTH), ownerId, now);
        List<TransactWriteItem> writes = new ArrayList<>(workspaces.creation(workspace));
        writes.add(workspaces.membership(workspace.id(), ownerId, Role.OWNER, now));
        for (String channelName : DEFAULT_CHANNELS) {
            Channel channel = new Channel(Ids.newId(now), workspace.id(), channelName, ChannelKind.PUBLIC,
                    null, null, false, ownerId, now);
            writes.addAll(channels.creation(channel, List.of(ownerId)));
        }
        return new Founding(workspace, writes);
    }

    /** The workspace, if the caller is a member; NOT_FOUND otherwise, as if it did not exist. */
    public Workspace get(String callerId, String workspaceId) {
        return findForMember(callerId, workspaceId).orElseThrow(() -> ParleyException.notFound("Workspace"));
    }

    public Optional<Workspace> findForMember(String callerId, String workspaceId) {
        if (workspaceId == null || workspaces.rolesOf(callerId, List.of(workspaceId)).isEmpty()) {
            return Optional.empty();
        }
        return workspaces.find(workspaceId);
    }

    public Map<String, Role> rolesOf(String callerId, List<String> workspaceIds) {
        return workspaces.rolesOf(callerId, workspaceIds);
    }
}
