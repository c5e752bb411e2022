package dev.parley.platform.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * A pod's drain on SIGTERM, in one place. Quarkus shuts down in this order (quarkus.shutdown.* in
 * application.properties):
 * <ol>
 * <li>at once: readiness reports DOWN (SmallRye Health's "Graceful Shutdown" check), HTTP/1.1
 * responses ask clients to close the connection, and this class fires {@link Draining}: live sockets
 * are told to reconnect elsewhere (1012) and new ones are refused;</li>
 * <li>{@code quarkus.shutdown.delay}: HTTP keeps serving while load balancers take the pod out;</li>
 * <li>{@code quarkus.shutdown.timeout}: requests still in flight (mutations) get this long to finish
 * (Quarkus never counts an upgraded WebSocket's request as finished, so this wait lasts the whole
 * timeout on a pod that has had sockets);</li>
 * <li>{@code ShutdownEvent}, then the beans stop.</li>
 * </ol>
 * Whatever else must let go of its work on SIGTERM (the event-log consumers, flushing their
 * checkpoints) observes {@link Draining} as well.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final Event<Draining> observers;
    private volatile boolean draining;

    public Drain(Event<Draining> observers) {
        this.observers = observers;
    }

    /** Fired by Quarkus when shutdown begins (needs {@code quarkus.shutdown.delay-enabled=true} at build time). */
    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent shutdown) {
        draining = true;
        LOG.info("Draining: readiness is DOWN, live sockets are told to reconnect elsewhere");
        observers.fire(new Draining());
    }

    public boolean isDraining() {
        return draining;
    }

    /** The event a drain starts with. */
    public record Draining() {
    }
}
