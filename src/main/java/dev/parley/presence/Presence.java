package dev.parley.presence;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * A person's presence as everyone sees it. {@code revision} grows with every change of the person's
 * presence, so a subscriber can drop a notice that arrives after a newer one (pods publish
 * independently, and Redis orders messages per connection only).
 */
@Type("Presence")
public record Presence(
        @Ignore String userId,
        @NonNull PresenceStatus status,
        @Nullable @Description("When the person was last active (hidden while they appear offline); null if never.")
        Instant lastActiveAt,
        @Ignore long revision) {

    private static final String NEVER = "-";

    /** Someone Parley knows nothing live about. */
    public static Presence offline(String userId, Instant lastActiveAt, long revision) {
        return new Presence(userId, PresenceStatus.OFFLINE, lastActiveAt, revision);
    }

    /** The pub/sub payload: {@code <revision> <STATUS> <lastActiveAt ISO-8601 or ->}, e.g. {@code 7 AWAY 2025-05-01T10:15:30.123Z}. */
    public String encode() {
        return revision + " " + status + " " + (lastActiveAt == null ? NEVER : lastActiveAt.toString());
    }

    /** The inverse of {@link #encode}, for the person whose presence topic carried it. */
    public static Presence decode(String userId, String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a presence payload: " + payload);
        }
        return new Presence(userId, PresenceStatus.valueOf(parts[1]), NEVER.equals(parts[2]) ? null : Instant.parse(parts[2]),
                Long.parseLong(parts[0]));
    }
}
