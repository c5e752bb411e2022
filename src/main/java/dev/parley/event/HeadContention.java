package dev.parley.event;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.parley.platform.dynamodb.Backoff;
import dev.parley.platform.memory.Lru;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Takes turns with other pods on a channel's head. A pod that commits groups back to back knows the
 * head it made and starts its next commit at once, while a pod that lost learns the new head from the
 * failure a round trip later: it would lose nearly every time until its deadline. So once this pod has
 * lost the head of a channel lately ({@link #RECENT}), it pauses before each commit there for a random
 * part of the time its last commit took, which leaves the other pod a turn; after a lost try it pauses
 * briefly (up to 10 ms per try so far, at most 40 ms) so the two stop colliding in step; and an append
 * that keeps losing claims the head's turn ({@link HeadTurns}), which the other pod then waits out.
 */
final class HeadContention {

    static final long RECENT = TimeUnit.SECONDS.toNanos(1);

    /** When this pod last lost the channel's head, and how long its last commit there took (System.nanoTime). */
    private record Seen(long lostAt, long commitNanos) {
    }

    private final Map<String, Seen> channels;
    private final HeadTurns turns;

    HeadContention(int capacity, HeadTurns turns) {
        this.channels = Lru.map(capacity);
        this.turns = turns;
    }

    /** One append's tries on the channel's head. */
    Contest contest(String channelId) {
        return new Contest(channelId);
    }

    final class Contest implements AutoCloseable {

        private final String channelId;
        private int attempt;
        private int losses;
        private boolean myTurn;

        private Contest(String channelId) {
            this.channelId = channelId;
        }

        /** Before each try: a pause when this pod lost the head lately. */
        void beforeCommit() {
            attempt++;
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

        /** The try committed (which also ended this pod's turn, if it held one). */
        void committed(long tookNanos) {
            myTurn = false;
            channels.computeIfPresent(channelId, (id, seen) -> new Seen(seen.lostAt(), tookNanos));
        }

        /**
         * The try built on {@code tried} was refused by the head, found as {@code found} ({@code old}: the
         * item): waits out another pod's turn, or counts a loss and, after a few, claims the turn. Returns
         * the head to build the next try on.
         */
        ChannelHead refused(ChannelHead tried, ChannelHead found, Map<String, AttributeValue> old, long tookNanos) {
            Optional<Duration> othersTurn = turns.heldByOther(old);
            if (othersTurn.isPresent() && found.seq() == tried.seq()) {
                Backoff.sleep(Math.min(othersTurn.get().toNanos(), tookNanos)); // not lost: the head waits for the other pod
                return found;
            }
            channels.put(channelId, new Seen(System.nanoTime(), tookNanos));
            if (++losses >= HeadTurns.CLAIM_AFTER && othersTurn.isEmpty()) {
                Optional<ChannelHead> claimed = turns.claim(channelId);
                myTurn = claimed.isPresent();
                return claimed.orElse(found);
            }
            if (attempt > 1) {
                Backoff.sleep(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(10L * Math.min(attempt - 1, 4) + 1)));
            }
            return found;
        }

        /** The append ended: a turn it claimed and did not use goes back at once. */
        @Override
        public void close() {
            if (myTurn) {
                turns.release(channelId);
            }
        }
    }
}
