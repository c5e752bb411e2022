package dev.parley.live.subscription;

/**
 * A subscriber's stream, ready to start: its starting points are read and its access decided
 * ({@link LiveEvents}), and {@link #open} starts following. Over a socket the events go straight to
 * the operation's {@code delivery.EventOutlet}: no Mutiny stream or GraphQL execution is kept per subscription.
 */
@FunctionalInterface
public interface LiveStream {

    /** Where a stream's events go, in order, from the subscription's lock: nothing here may block. */
    interface Sink {
        void next(Event event);

        /** The subscriber may no longer see what the stream shows: it ends after the events already given. */
        void end();
    }

    /** Starts the stream into {@code sink}; running what it returns stops it (a stop during the start is kept). */
    Runnable open(Sink sink);
}
