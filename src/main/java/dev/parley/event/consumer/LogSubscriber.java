package dev.parley.event.consumer;

import java.util.List;

import dev.parley.event.ChannelEvent;

/**
 * Something done for every committed channel event, by {@link LogConsumer}: at least once, in order
 * within a channel, resumed from a checkpoint after a crash. So {@link #apply} must be idempotent
 * (the events carry each message as it is now, so "make it so" handlers are).
 */
public interface LogSubscriber {

    /** The consumer's name: its checkpoints and leases are kept under it (stable, e.g. "search"). */
    String name();

    /**
     * Handles the next events of one channel, oldest first. Throwing leaves the checkpoint where it
     * was: the same events come again on the next round.
     */
    void apply(String channelId, List<ChannelEvent> events);

    /**
     * Called after a round's {@link #apply} calls and before their checkpoints are stored: whatever
     * they buffered must be durable when this returns (a search index commits here).
     */
    default void flush() {
    }

    /**
     * Whether events committed before this consumer's first run are handled too (as far back as the
     * log keeps them). Off by default: a side effect such as a notification should not be redone for
     * old events.
     */
    default boolean replaysHistory() {
        return false;
    }

    /**
     * The log no longer holds events {@code afterSeq + 1} up to {@code beforeSeq - 1} of the channel
     * (the consumer was away longer than the log's retention): a subscriber that keeps derived state
     * rebuilds the channel's.
     */
    default void missed(String channelId, long afterSeq, long beforeSeq) {
    }
}
