package dev.parley.typing;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * Someone is typing in a channel (in a thread when {@code threadId} is set); never stored.
 * {@code afterSeq} is the channel's last event when it was published: a stream passes it on only once
 * it has seen that event, so typing that follows someone's removal never reaches them.
 */
@Type("TypingEvent")
public record TypingEvent(
        @NonNull @Id String channelId,
        @Nullable @Id String threadId,
        @Ignore String userId,
        @NonNull @Description("Hide the indicator after this time unless another event for the same person arrives.")
        Instant expiresAt,
        @Ignore long afterSeq) {

    private static final String NO_THREAD = "-";

    /** The pub/sub payload: {@code <userId> <threadId or -> <expiresAt ISO-8601> <afterSeq>}. */
    public String encode() {
        return userId + " " + (threadId == null ? NO_THREAD : threadId) + " " + expiresAt + " " + afterSeq;
    }

    /** The inverse of {@link #encode}, for the channel whose typing topic carried it. */
    public static TypingEvent decode(String channelId, String payload) {
        String[] parts = payload.split(" ", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Not a typing payload: " + payload);
        }
        return new TypingEvent(channelId, NO_THREAD.equals(parts[1]) ? null : parts[1], parts[0], Instant.parse(parts[2]),
                Long.parseLong(parts[3]));
    }
}
