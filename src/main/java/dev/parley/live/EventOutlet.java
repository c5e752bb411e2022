package dev.parley.live;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.json.JsonObject;

import dev.parley.platform.security.Caller;
import io.smallrye.mutiny.Multi;

/**
 * Where one socket operation's events go: each is rendered through its group's shared execution
 * and written as a {@code next} message; graphql-java's own stream for the operation carries no item,
 * only its end (complete, or an error such as the backlog's overflow), which follows the last write.
 */
final class EventOutlet {

    private final SharedRendering rendering;
    private final JsonObject request;
    private final Caller caller;
    private final String id;
    /** Null once the operation ended: whatever still holds this outlet (a GraphQL context) holds no socket. */
    private volatile Consumer<String> send;
    private volatile BooleanSupplier current;

    /** {@code current}: whether the operation is still the socket's {@code id} (not completed, not replaced). */
    EventOutlet(SharedRendering rendering, JsonObject request, Caller caller, String id, Consumer<String> send, BooleanSupplier current) {
        this.rendering = rendering;
        this.request = request;
        this.caller = caller;
        this.id = id;
        this.send = send;
        this.current = current;
    }

    Multi<Event> deliver(Multi<Event> events) {
        return Multi.createFrom().deferred(() -> {
            SharedSelection group = rendering.join(request, caller);
            return events.invoke(event -> {
                BooleanSupplier live = current;
                Consumer<String> to = send;
                if (live != null && to != null && live.getAsBoolean()) {
                    to.accept(rendering.next(group, id, event));
                }
            }).select().where(event -> false).onTermination().invoke(() -> {
                rendering.leave(group);
                current = null;
                send = null;
            });
        });
    }
}
