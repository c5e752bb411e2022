package dev.parley.platform.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.parley.platform.concurrent.Futures;

/**
 * Concurrent asks for the same key share one read, and each answer comes from a read that started
 * after its ask: an ask that finds a read in flight waits for the next one, which starts as soon as
 * that one ends and serves every ask that came meanwhile. So a shared answer is never older than
 * the ask, exactly as if each had read alone, and a key costs at most one read in flight however
 * many ask at once (a pod's sockets resuming together, several devices of one person).
 * A failed read fails the asks it served; the next ask reads again.
 */
public final class SharedReads<K, V> {

    private final Function<K, V> read;
    /** Guarded by {@code this}: per key, the read running and the one waiting to start. */
    private final Map<K, Slot<V>> slots = new HashMap<>();

    private static final class Slot<V> {
        CompletableFuture<V> running;
        CompletableFuture<V> waiting;
    }

    public SharedReads(Function<K, V> read) {
        this.read = read;
    }

    public V get(K key) {
        CompletableFuture<V> mine;
        CompletableFuture<V> before = null;
        boolean reads = true;
        synchronized (this) {
            Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
            if (slot.waiting != null) {
                mine = slot.waiting;
                reads = false;
            } else if (slot.running == null) {
                mine = slot.running = new CompletableFuture<>();
            } else {
                mine = slot.waiting = new CompletableFuture<>();
                before = slot.running;
            }
        }
        if (reads) {
            if (before != null) {
                before.handle((value, failure) -> null).join();
                synchronized (this) {
                    Slot<V> slot = slots.get(key);
                    slot.running = mine; // from here on, a new ask waits for the read after this one
                    slot.waiting = null;
                }
            }
            run(key, mine);
        }
        return Futures.join(mine);
    }

    /** Keys with a read running or waiting (tests: nothing is left behind). */
    public synchronized int keys() {
        return slots.size();
    }

    private void run(K key, CompletableFuture<V> mine) {
        try {
            mine.complete(read.apply(key));
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
        }
        finished(key, mine);
    }

    private synchronized void finished(K key, CompletableFuture<V> mine) {
        Slot<V> slot = slots.get(key); // null, or another slot, when the waiting read has already run and left
        if (slot == null || slot.running != mine) {
            return;
        }
        if (slot.waiting == null) {
            slots.remove(key);
        } else {
            slot.running = null; // the waiting read's asker takes over
        }
    }
}
