package dev.parley.message;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelService;
import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class MessageGraphQL {

    private final MessageService messages;
    private final ChannelService channels;
    private final UserService users;
    private final CurrentCaller caller;

    public MessageGraphQL(MessageService messages, ChannelService channels, UserService users, CurrentCaller caller) {
        this.messages = messages;
        this.channels = channels;
        this.users = users;
        this.caller = caller;
    }

    @Query
    @Description("Top-level messages, newest first; after: endCursor continues into older ones.")
    public @NonNull MessageConnection messages(@NonNull @Id String channelId, @Nullable Integer first, @Nullable String after) {
        var page = messages.history(caller.userId(), channelId, first, after);
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
    @Description("The author, the channel's creator or a workspace admin; the message stays as a tombstone.")
    public @NonNull Message deleteMessage(@NonNull @Id String id) {
        return messages.delete(caller.userId(), id);
    }

    public List<Channel> channel(@Source List<Message> page) {
        Map<String, Channel> found = page.stream().map(Message::channelId).distinct()
                .map(id -> channels.readable(caller.userId(), "channelId", id))
                .collect(Collectors.toMap(Channel::id, Function.identity()));
        return page.stream().map(message -> found.get(message.channelId())).toList();
    }

    public List<User> author(@Source List<Message> page) {
        Map<String, User> authors = users.findAll(page.stream().map(Message::authorId).distinct().toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        return page.stream().map(message -> authors.get(message.authorId())).toList();
    }
}
