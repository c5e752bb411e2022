package dev.parley.event;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.parley.platform.dynamodb.Backoff;
import dev.parley.platform.memory.Lru;

/**
 * Takes turns with other pods on a channel's head. A pod that commits groups back to back knows the
 * head it made and starts its next commit at once, while a pod that lost learns the new head from the
 * failure a round trip later: it would lose nearly every time until its deadline. So once this pod has
 * lost the head of a channel lately ({@link #RECENT}), it pauses before each commit there for a random
 * part of the time its last commit took, which leaves the other pod a turn; and after a lost try it
 * pauses briefly (up to 10 ms per try so far, at most 40 ms) so the two stop colliding in step.
 */
final class HeadContention {

    static final long RECENT = TimeUnit.SECONDS.toNanos(1);

    /** When this pod last lost the channel's head, and how long its last commit there took (System.nanoTime). */
    private record Seen(long lostAt, long commitNanos) {
    }

    private final Map<String, Seen> channels;

    HeadContention(int capacity) {
        this.channels = Lru.map(capacity);
    }

    /** Before a commit to the channel: a pause when this pod lost its head lately. */
    void beforeCommit(String channelId) {
        Seen seen = channels.get(channelId);
        if (seen == null) {
            return;
        }
        if (System.nanoTime() - seen.lostAt() > RECENT) {
            channels.remove(channelId);
            return;
        }
        Backoff.sleep(ThreadLocalRandom.current().nextLong(seen.commitNanos() + 1));
    }

    void committed(String channelId, long tookNanos) {
        channels.computeIfPresent(channelId, (id, seen) -> new Seen(seen.lostAt(), tookNanos));
    }

    /** The head had moved: try {@code attempt} of the commit lost it. */
    void lost(String channelId, int attempt, long tookNanos) {
        channels.put(channelId, new Seen(System.nanoTime(), tookNanos));
        if (attempt > 1) {
            Backoff.sleep(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(10L * Math.min(attempt - 1, 4) + 1)));
        }
    }
}
