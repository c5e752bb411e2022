package dev.parley.live.subscription;

import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Events handed to one subscriber and not yet turned into GraphQL results. The queue grows only as
 * needed (a preallocated bounded buffer cost 64 KB per idle subscription); past the limit the
 * stream fails and its socket is closed with 1013, so the client resumes from its cursor.
 */
public final class Backlog {

    public static final int LIMIT = 10_000;

    private final AtomicInteger waiting = new AtomicInteger();

    <T> void push(MultiEmitter<? super T> emitter, T item) {
        if (waiting.incrementAndGet() > LIMIT) {
            emitter.fail(new BackPressureFailure("More than " + LIMIT + " events waiting for one subscriber"));
        } else {
            emitter.emit(item);
        }
    }

    void taken() {
        waiting.decrementAndGet();
    }
}
