package dev.parley.typing;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class TypingGraphQL {

    private final TypingService typing;
    private final UserService users;
    private final CurrentCaller caller;

    public TypingGraphQL(TypingService typing, UserService users, CurrentCaller caller) {
        this.typing = typing;
        this.users = users;
        this.caller = caller;
    }

    @Mutation
    @Description("Shows the others in the channel that you are typing (in the thread, if given) for a few seconds. "
            + "Call it as often as you like while typing; false means the indicator could not be sent just now.")
    public boolean startTyping(@NonNull @Id String channelId, @Nullable @Id String threadId) {
        return typing.start(caller.userId(), channelId, threadId);
    }

    public List<@NonNull User> user(@Source List<TypingEvent> events) {
        Map<String, User> found = users.byId(events.stream().map(TypingEvent::userId).toList());
        return events.stream().map(event -> found.get(event.userId())).toList();
    }
}
