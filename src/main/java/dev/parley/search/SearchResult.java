package dev.parley.search;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.parley.channel.Channel;
import dev.parley.file.StoredFile;
import dev.parley.message.Message;
import dev.parley.user.User;
import io.smallrye.graphql.api.Nullable;

/** One thing found: a message, a file (with the message it is attached to), a person or a channel. */
@Type("SearchResult")
@Description("One hit: kind says which of message, file, user and channel is set (a file hit also has its message and channel).")
public record SearchResult(
        @NonNull SearchKind kind,
        @Nullable Message message,
        @Nullable StoredFile file,
        @Nullable User user,
        @Nullable Channel channel,
        @Nullable @Description("For message and file hits: plain text around the matches.") String snippet,
        @NonNull @Description("The matched words within snippet.") List<@NonNull TextRange> highlights) {
}
