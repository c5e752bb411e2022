package dev.parley.message;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.file.FileService;
import dev.parley.file.StoredFile;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class MessageGraphQL {

    private final MessageService messages;
    private final MessageHistory history;
    private final ChannelAccess channels;
    private final UserService users;
    private final FileService files;
    private final CurrentCaller caller;

    public MessageGraphQL(MessageService messages, MessageHistory history, ChannelAccess channels, UserService users, FileService files,
            CurrentCaller caller) {
        this.messages = messages;
        this.history = history;
        this.channels = channels;
        this.users = users;
        this.files = files;
        this.caller = caller;
    }

    @Query
    @Description("Top-level messages, newest first; after: endCursor continues into older ones.")
    public @NonNull MessageConnection messages(@NonNull @Id String channelId, @Nullable Integer first, @Nullable String after) {
        var page = history.page(caller.userId(), channelId, first, after);
        return new MessageConnection(page.items(), page.hasMore());
    }

    @Query
    public Message message(@NonNull @Id String id) {
        return messages.get(caller.userId(), id);
    }

    @Mutation
    @Description("Idempotent per sender and clientMessageId: sending the same id again returns the first message.")
    public @NonNull Message sendMessage(@NonNull SendMessageInput input) {
        return messages.send(caller.userId(), input);
    }

    @Mutation
    @Description("The author only, within the edit window (5 minutes by default).")
    public @NonNull Message editMessage(@NonNull @Id String id, @NonNull String text) {
        return messages.edit(caller.userId(), id, text);
    }

    @Mutation
    @Description("The author, or a moderator of the channel (its creator or a workspace admin; direct messages have none); "
            + "the message stays as a tombstone.")
    public @NonNull Message deleteMessage(@NonNull @Id String id) {
        return messages.delete(caller.userId(), id);
    }

    @Query
    @Description("A thread's replies, oldest first (given the root or any reply).")
    public @NonNull MessageConnection thread(@NonNull @Id String messageId, @Nullable Integer first, @Nullable String after) {
        var page = messages.thread(caller.userId(), messageId, first, after);
        return new MessageConnection(page.items(), page.hasMore());
    }

    @Mutation
    @Description("Idempotent. Emoji: :name: ([a-z0-9_+-]{1,64}) or a single Unicode emoji.")
    public @NonNull Message addReaction(@NonNull @Id String messageId, @NonNull String emoji) {
        return messages.addReaction(caller.userId(), messageId, emoji);
    }

    @Mutation
    @Description("Idempotent.")
    public @NonNull Message removeReaction(@NonNull @Id String messageId, @NonNull String emoji) {
        return messages.removeReaction(caller.userId(), messageId, emoji);
    }

    @Mutation
    @Description("Moves the caller's read marker forward to messageId; unreadCount and mentionCount become what is left after it.")
    public @NonNull Channel markChannelRead(@NonNull @Id String channelId, @NonNull @Id String messageId) {
        return messages.markRead(caller.userId(), channelId, messageId);
    }

    @Description("The channel, while the caller may read it.")
    public List<Channel> channel(@Source List<Message> page) {
        Map<String, Channel> readable = channels.readableAmong(caller.userId(), page.stream().map(Message::channelId).toList());
        return page.stream().map(message -> readable.get(message.channelId())).toList();
    }

    public List<User> author(@Source List<Message> page) {
        Map<String, User> authors = usersById(page.stream().map(Message::authorId));
        return page.stream().map(message -> authors.get(message.authorId())).toList();
    }

    @Description("People who replied in this thread (on a root).")
    public List<@NonNull List<@NonNull User>> replyUsers(@Source List<Message> page) {
        Map<String, User> found = usersById(page.stream().flatMap(m -> m.replyUserIds().stream()));
        return page.stream().map(m -> present(m.replyUserIds(), found)).toList();
    }

    @Description("People mentioned as <@userId> who are in the channel.")
    public List<@NonNull List<@NonNull User>> mentions(@Source List<Message> page) {
        Map<String, User> found = usersById(page.stream().flatMap(m -> m.mentionIds().stream()));
        return page.stream().map(m -> present(m.mentionIds(), found)).toList();
    }

    @Description("Reactions per emoji, most used first.")
    public List<@NonNull List<@NonNull Reaction>> reactions(@Source List<Message> page) {
        String me = caller.userId();
        return page.stream().map(m -> m.reactionUsers().entrySet().stream()
                .map(e -> new Reaction(e.getKey(), e.getValue().size(), e.getValue(), e.getValue().contains(me)))
                .sorted(java.util.Comparator.comparingInt(Reaction::count).reversed().thenComparing(Reaction::emoji))
                .toList()).toList();
    }

    @Description("The attached files, in the order attached (none on a deleted message). Whoever reads the message sees them.")
    public List<@NonNull List<@NonNull StoredFile>> files(@Source List<Message> page) {
        return files.ofMessages(page.stream().map(Message::fileIds).toList());
    }

    public List<@NonNull List<@NonNull User>> users(@Source List<Reaction> reactions) {
        Map<String, User> found = usersById(reactions.stream().flatMap(r -> r.userIds().stream()));
        return reactions.stream().map(r -> present(r.userIds(), found)).toList();
    }

    private Map<String, User> usersById(java.util.stream.Stream<String> ids) {
        return users.byId(ids.toList());
    }

    private static List<User> present(List<String> ids, Map<String, User> found) {
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }
}
