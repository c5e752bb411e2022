package dev.parley.live.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

import dev.parley.live.subscription.Backlog;
import dev.parley.live.subscription.Event;
import dev.parley.live.subscription.LiveStream;
import dev.parley.live.subscription.StopLatch;
import dev.parley.platform.security.Caller;

/**
 * Where one socket operation's live stream goes once its GraphQL execution has opened it
 * ({@code EventGraphQL}): each event is rendered through its group's shared execution and written as
 * a {@code next} message on the socket's {@link DeliveryLanes lane}. What a subscription keeps is this
 * and its {@link dev.parley.live.subscription.LiveSubscription}: no execution, DataLoaders or Mutiny stream.
 */
public final class EventOutlet implements LiveStream.Sink {

    /** What the outlet tells its operation: the stream ended (the subscriber may no longer see it), or failed. */
    public interface Ends {
        void completed();

        void failed(RuntimeException failure);
    }

    private final SharedRendering rendering;
    private final JsonObject request;
    private final Caller caller;
    /** The start of each of this operation's frames, its id included. */
    private final byte[] framePrefix;
    private final Frames frames;
    private final DeliveryLanes.Lane lane;
    private final Ends ends;
    private final StopLatch stop = new StopLatch();
    /** Events handed on and not rendered yet: past {@link Backlog#LIMIT} the socket closes (1013) and the client resumes. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile SharedRendering.Group group;
    private volatile boolean opened;

    public EventOutlet(SharedRendering rendering, JsonObject request, Caller caller, String id, Frames frames,
            DeliveryLanes.Lane lane, Ends ends) {
        this.rendering = rendering;
        this.request = request;
        this.caller = caller;
        this.framePrefix = SharedRendering.framePrefix(id);
        this.frames = frames;
        this.lane = lane;
        this.ends = ends;
    }

    /** Called by the operation's execution: the stream now goes here, and the execution ends with nothing. */
    public void open(LiveStream stream) {
        SharedRendering.Group joined = rendering.join(request, caller);
        group = joined;
        opened = true;
        Runnable stopStream = stream.open(this);
        stop.started(() -> {
            stopStream.run();
            rendering.leave(joined);
        });
    }

    /** Whether the stream was opened here (the operation then lives on after its execution ended). */
    public boolean opened() {
        return opened;
    }

    /** Nothing more is written; the stream stops and leaves its group (at once, or as soon as it is open). */
    public void stop() {
        stop.stop();
    }

    @Override
    public void next(Event event) {
        if (stop.stopped()) {
            return;
        }
        if (waiting.incrementAndGet() > Backlog.LIMIT) {
            if (overflowed.compareAndSet(false, true)) {
                lane.onEventLoop(frames::tooFarBehind);
            }
            return;
        }
        lane.push(() -> render(event));
    }

    @Override
    public void end() {
        lane.push(() -> () -> {
            if (!stop.stopped()) {
                ends.completed();
            }
        });
    }

    private Runnable render(Event event) {
        waiting.decrementAndGet();
        if (stop.stopped()) {
            return null;
        }
        byte[] frame;
        try {
            frame = rendering.next(group, framePrefix, event);
        } catch (RuntimeException failure) {
            return () -> ends.failed(failure);
        }
        return () -> {
            if (!stop.stopped()) {
                frames.write(frame);
            }
        };
    }
}
