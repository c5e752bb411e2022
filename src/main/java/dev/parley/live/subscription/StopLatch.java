package dev.parley.live.subscription;

import java.util.concurrent.atomic.AtomicReference;

/**
 * How a stream is stopped, run exactly once whether the stop comes after the stream started or while
 * it was still starting (a client that completes its operation at once, a socket that closes).
 */
public final class StopLatch {

    private static final Runnable STOPPED = () -> {
    };

    private final AtomicReference<Runnable> stop = new AtomicReference<>();

    /** The stream started, and this stops it: run now if the stop was asked already. */
    public void started(Runnable stopIt) {
        if (!stop.compareAndSet(null, stopIt)) {
            stopIt.run();
        }
    }

    public void stop() {
        Runnable stopIt = stop.getAndSet(STOPPED);
        if (stopIt != null && stopIt != STOPPED) {
            stopIt.run();
        }
    }

    public boolean stopped() {
        return stop.get() == STOPPED;
    }
}
