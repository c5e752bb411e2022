package dev.parley.live.subscription;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.SharedSecrets;
import dev.parley.platform.security.Signatures;
import io.quarkus.runtime.Startup;

/**
 * Event cursors as clients see them: signed by the server ({@code parley.events.cursor-key}) and bound
 * to the person they were given to, so no one can make one up, change one, or use someone else's.
 * Created at start-up, so a pod without the key does not start.
 */
@ApplicationScoped
@Startup
public class EventCursors {

    /** The format: 1 was an unsigned list of every channel, which this server no longer accepts. */
    private static final int VERSION = 2;

    private final Signatures signatures;

    public EventCursors(ParleyConfig config) {
        String key = SharedSecrets.require(config.events().cursorKey(), "parley.events.cursor-key", "PARLEY_CURSOR_KEY",
                "signs event cursors");
        String previous = SharedSecrets.optional(config.events().cursorPreviousKey(), "parley.events.cursor-previous-key");
        this.signatures = new Signatures("event-cursor", VERSION, key, previous);
    }

    /** The cursor to hand to {@code userId}. */
    public String encode(String userId, EventCursor cursor) {
        return signatures.seal(userId, cursor.toBytes());
    }

    /** A cursor this server gave to {@code userId}, or BAD_USER_INPUT on {@code after} (also for one given to someone else). */
    public EventCursor decode(String userId, String text) {
        try {
            return signatures.open(userId, text).map(EventCursor::fromBytes).orElseThrow(EventCursors::notOurs);
        } catch (IllegalArgumentException malformed) {
            throw notOurs();
        }
    }

    private static ParleyException notOurs() {
        return ParleyException.badInput("after", "after is not a cursor this server gave out");
    }
}
