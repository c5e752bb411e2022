package dev.parley.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * A message in a channel or direct message, with up to ten attached files ({@code fileIds}). A
 * deleted message stays as a tombstone: id, author, time and thread summary remain; text, reactions
 * and files are gone. Replies carry {@code threadId} (the
 * root's id); a root carries the thread summary. {@code ordinal}: a top-level message is its
 * channel's n-th ({@link dev.parley.channel.UnreadCounts}); a reply has the ordinal of the channel's
 * newest top-level message when it was sent.
 */
@Type("Message")
public record Message(
        @NonNull @Id String id,
        @Ignore String channelId,
        @Ignore String authorId,
        @Nullable String text,
        @NonNull Instant createdAt,
        @Nullable Instant editedAt,
        boolean deleted,
        @Nullable @Id String threadId,
        int replyCount,
        @Nullable Instant lastReplyAt,
        @Ignore List<String> replyUserIds,
        @Ignore List<String> mentionIds,
        @Description("The text mentions @channel or @here.") boolean mentionsChannel,
        @Ignore Map<String, List<String>> reactionUsers,
        @Ignore String clientMessageId,
        @Ignore List<String> fileIds,
        @Ignore long ordinal) {

    @Ignore
    public boolean isReply() {
        return threadId != null;
    }

    /** After an edit to {@code newText}. */
    @Ignore
    public Message withText(String newText, Instant at) {
        return new Message(id, channelId, authorId, newText, createdAt, at, deleted, threadId, replyCount, lastReplyAt, replyUserIds,
                mentionIds, mentionsChannel, reactionUsers, clientMessageId, fileIds, ordinal);
    }

    /** Whether this message counts as a mention of the given person. */
    public boolean mentions(String userId) {
        return mentionsChannel || mentionIds.contains(userId);
    }
}
