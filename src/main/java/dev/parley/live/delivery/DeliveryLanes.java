package dev.parley.live.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.lifecycle.DaemonThreads;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;

/**
 * Live delivery to sockets, in batches: one lane per event loop. What the outlets of a lane's sockets
 * hand on is rendered off the event loop (shared per group and event, {@link SharedRendering}) by one
 * drain at a time, so each socket's frames keep their order, and each drain's frames are written in
 * one task on the event loop: one wakeup per event loop per batch, not one per socket and event, and
 * one flush per socket per batch (a socket's frames go straight to its Netty channel, with no
 * promise or listener per frame).
 */
@ApplicationScoped
public class DeliveryLanes {

    private static final Logger LOG = Logger.getLogger(DeliveryLanes.class);

    private final ExecutorService renderers = Executors.newFixedThreadPool(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), DaemonThreads.named("parley-delivery"));
    /** By Netty event loop: a socket's context may be a duplicate of its event loop's, one per connection. */
    private final Map<Executor, Lane> lanes = new ConcurrentHashMap<>();

    /** The lane of the sockets whose event loop runs {@code context}. */
    public Lane of(Context context) {
        Executor eventLoop = ((ContextInternal) context).nettyEventLoop();
        return lanes.computeIfAbsent(eventLoop, Lane::new);
    }

    /** One item of a drain: rendered off the event loop, then written on it. */
    interface Item {
        /** Off the event loop: what to run on it (null: nothing). */
        Runnable render();
    }

    public final class Lane {

        private final Executor eventLoop;
        private final Queue<Item> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger asked = new AtomicInteger();
        /** Sockets written to in the batch running on the event loop now (used on the event loop only). */
        private final List<Runnable> flushes = new ArrayList<>();

        private Lane(Executor eventLoop) {
            this.eventLoop = eventLoop;
        }

        void push(Item item) {
            waiting.add(item);
            if (asked.getAndIncrement() == 0) {
                renderers.execute(this::drain);
            }
        }

        /** Runs on the event loop, after what this lane handed it before. */
        void onEventLoop(Runnable task) {
            eventLoop.execute(task);
        }

        /** On the event loop, inside a batch: {@code flush} runs once the batch's frames are written. */
        public void flushAfterBatch(Runnable flush) {
            flushes.add(flush);
        }

        private void writeBatch(List<Runnable> writes) {
            writes.forEach(DeliveryLanes::write);
            flushes.forEach(DeliveryLanes::write);
            flushes.clear();
        }

        private void drain() {
            int missed = 1;
            do {
                List<Runnable> writes = new ArrayList<>();
                for (Item item = waiting.poll(); item != null; item = waiting.poll()) {
                    try {
                        Runnable write = item.render();
                        if (write != null) {
                            writes.add(write);
                        }
                    } catch (RuntimeException failure) {
                        LOG.warnf(failure, "Rendering a live event failed");
                    }
                }
                if (!writes.isEmpty()) {
                    eventLoop.execute(() -> writeBatch(writes));
                }
                missed = asked.addAndGet(-missed);
            } while (missed != 0);
        }
    }

    private static void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException failure) {
            LOG.warnf(failure, "Writing a live event failed");
        }
    }

    @PreDestroy
    void stop() {
        renderers.shutdownNow();
    }
}
