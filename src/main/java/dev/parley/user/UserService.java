package dev.parley.user;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.file.FileAttachments;
import dev.parley.file.FileUse;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.Emoji;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.workspace.WorkspaceStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** People and profiles. A person is visible only to people who share a workspace with them. */
@ApplicationScoped
public class UserService {

    static final int MAX_NAME_LENGTH = 80;
    static final int MAX_TITLE_LENGTH = 100;
    static final int MAX_STATUS_LENGTH = 100;

    private final UserStore users;
    private final WorkspaceStore workspaces;
    private final FileAttachments files;
    private final Dynamo dynamo;

    public UserService(UserStore users, WorkspaceStore workspaces, FileAttachments files, Dynamo dynamo) {
        this.users = users;
        this.workspaces = workspaces;
        this.files = files;
        this.dynamo = dynamo;
    }

    public User get(String callerId, String userId) {
        Inputs.id("id", userId);
        if (visibleTo(callerId, List.of(userId)).isEmpty()) {
            throw ParleyException.notFound("User");
        }
        return users.find(userId).orElseThrow(() -> ParleyException.notFound("User"));
    }

    /**
     * Those of the given people whom the caller may see: the caller and everyone who shares a workspace
     * with them; in the order given, without repeats. Reads the caller's workspaces, then their
     * memberships of the people not yet found, one workspace at a time (usually the first finds all).
     */
    public List<String> visibleTo(String callerId, List<String> userIds) {
        Set<String> visible = new HashSet<>(Set.of(callerId));
        Set<String> pending = new LinkedHashSet<>(userIds);
        pending.remove(callerId);
        if (!pending.isEmpty()) {
            for (String workspaceId : workspaces.workspaceIdsOf(callerId)) {
                workspaces.findMembers(workspaceId, List.copyOf(pending)).forEach(member -> visible.add(member.userId()));
                pending.removeAll(visible);
                if (pending.isEmpty()) {
                    break;
                }
            }
        }
        return userIds.stream().distinct().filter(visible::contains).toList();
    }

    /** Users by id in the order given (ids that no longer exist are left out). */
    public List<User> findAll(List<String> userIds) {
        Map<String, User> found = byId(userIds);
        return userIds.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Users by id, for resolving a page's worth of people in one batch read. */
    public Map<String, User> byId(java.util.Collection<String> userIds) {
        Map<String, User> byId = new LinkedHashMap<>();
        users.findAll(userIds.stream().distinct().toList()).forEach(user -> byId.put(user.id(), user));
        return byId;
    }

    /** Changes the caller's profile and, in the same transaction, the name people search finds. */
    public User updateProfile(String callerId, ProfileInput input) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (input.name() != null) {
            changes.put("name", Inputs.text("name", input.name(), 1, MAX_NAME_LENGTH));
        }
        if (input.title() != null) {
            changes.put("title", Inputs.text("title", input.title(), 0, MAX_TITLE_LENGTH));
        }
        if (input.timezone() != null) {
            changes.put("timezone", timezone(input.timezone()));
        }
        if (input.statusText() != null) {
            changes.put("statusText", Inputs.text("statusText", input.statusText(), 0, MAX_STATUS_LENGTH));
        }
        if (input.statusEmoji() != null) {
            changes.put("statusEmoji", input.statusEmoji().isEmpty() ? "" : Emoji.validate("statusEmoji", input.statusEmoji()));
        }
        boolean newAvatar = input.avatarFileId() != null && !input.avatarFileId().isEmpty();
        if (input.avatarFileId() != null) {
            changes.put("avatarFileId", input.avatarFileId());
        }
        if (!changes.isEmpty()) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(users.profileChange(callerId, changes));
            if (newAvatar) {
                writes.add(files.usingAsPicture(callerId, "avatarFileId", input.avatarFileId(), FileUse.AVATAR));
            }
            if (changes.containsKey("name")) {
                workspaces.workspaceIdsOf(callerId)
                        .forEach(workspaceId -> writes.add(workspaces.renameMember(workspaceId, callerId, changes.get("name"))));
            }
            dynamo.transact(writes, failedItem -> newAvatar && failedItem == 1 ? FileAttachments.notAPicture("avatarFileId")
                    : ParleyException.conflict("Your workspaces changed meanwhile; try again"));
            users.changed(callerId);
        }
        return users.find(callerId).orElseThrow(ParleyException::unauthenticated);
    }

    private static String timezone(String value) {
        if (value.isEmpty()) {
            return "";
        }
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw ParleyException.badInput("timezone", "Use an IANA time zone such as Europe/Berlin");
        }
    }
}
