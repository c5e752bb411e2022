package dev.parley.live.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import dev.parley.live.delivery.DeliveryLanes;
import dev.parley.live.delivery.EventOutlet;
import dev.parley.live.delivery.Frames;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.live.delivery.SharedRendering;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.json.Json;
import dev.parley.platform.security.Caller;
import graphql.ExecutionResult;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * The operations one socket runs ({@link GraphQLSocket} is the protocol around them): which are
 * running under which id, the quota, and how each one's result or stream becomes {@code next},
 * {@code error} and {@code complete} messages. Every operation holds a slot of its own in
 * {@link #running}, so after "subscribe X, complete X, subscribe X" the first stream cannot take the
 * second's place, and a stream that subscribes after its operation ended is cancelled.
 */
final class SocketOperations {

    private static final Logger LOG = Logger.getLogger(SocketOperations.class);

    private final Frames frames;
    private final LiveSockets sockets;
    private final GraphQLOperations graphql;
    private final SharedRendering rendering;
    private final DeliveryLanes.Lane lane;
    private final Map<String, Operation> running = new ConcurrentHashMap<>();
    private final OperationQuota quota;

    SocketOperations(Frames frames, LiveSockets sockets, GraphQLOperations graphql, SharedRendering rendering, DeliveryLanes.Lane lane,
            ParleyConfig.Live settings) {
        this.frames = frames;
        this.sockets = sockets;
        this.graphql = graphql;
        this.rendering = rendering;
        this.lane = lane;
        this.quota = new OperationQuota(settings.maxOperations(), settings.subscribesPerSecond());
    }

    /** Starts operation {@code opId} for {@code caller}; false (nothing started) when that id is running already. */
    boolean subscribe(String opId, JsonObject request, Caller caller) {
        if (running.containsKey(opId)) {
            return false;
        }
        ParleyException refused = quota.admit(running.size());
        if (refused != null) {
            error(opId, errorsFor(refused)); // this operation only: the socket and its other operations go on
            return true;
        }
        Operation operation = new Operation(opId, request, caller);
        running.put(opId, operation);
        sockets.worker(() -> graphql.execute(request, caller, new Writer(operation), Map.of(GraphQLOperations.OUTLET, operation.outlet)));
        return true;
    }

    /** The client completed {@code opId}: its stream is cancelled (nothing is sent). */
    void complete(String opId) {
        Operation stopped = running.remove(opId);
        if (stopped != null) {
            stopped.cancel();
        }
    }

    /** The socket closed: every operation is cancelled. */
    void cancelAll() {
        // One by one: a stream subscribing meanwhile either is removed (and cancelled) here or finds its slot gone.
        running.keySet().forEach(this::complete);
    }

    /**
     * One operation's place in {@link #running}, from its subscribe until it ends: the outlet its live
     * stream goes to, and graphql-java's stream for it while that runs.
     */
    private final class Operation implements EventOutlet.Ends {
        final String id;
        final EventOutlet outlet;
        volatile Subscription stream;

        Operation(String id, JsonObject request, Caller caller) {
            this.id = id;
            this.outlet = new EventOutlet(rendering, request, caller, id, frames, lane, this);
        }

        /** Ends it (removed from {@link #running} first, so a stream subscribing later finds its place gone). */
        void cancel() {
            outlet.stop();
            Subscription current = stream;
            if (current != null) {
                current.cancel();
            }
        }

        boolean end() {
            if (running.remove(id, this)) {
                cancel();
                return true;
            }
            return false;
        }

        @Override
        public void completed() {
            if (end()) {
                frames.send(Json.createObjectBuilder().add("type", "complete").add("id", id).build());
            }
        }

        @Override
        public void failed(RuntimeException failure) {
            if (end()) {
                error(id, errorsFor(failure));
            }
        }
    }

    /** Receives an operation's result: one response, or a stream of them for a subscription. */
    private final class Writer implements ExecutionResponseWriter {

        private final Operation operation;

        Writer(Operation operation) {
            this.operation = operation;
        }

        @Override
        public void write(ExecutionResponse response) {
            ExecutionResult result = response.getExecutionResult();
            Object data = result.isDataPresent() ? result.getData() : null;
            String id = operation.id;
            if (data instanceof Publisher<?> stream) {
                @SuppressWarnings("unchecked")
                Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) stream;
                results.subscribe(new Stream(operation));
            } else if (data != null) {
                if (operation.end()) {
                    next(id, response.getExecutionResultAsJsonObject());
                    frames.send(Json.createObjectBuilder().add("type", "complete").add("id", id).build());
                }
            } else if (operation.end()) {
                JsonArray errors = response.getExecutionResultAsJsonObject().getJsonArray("errors");
                error(id, errors == null ? internalError() : errors);
            }
        }

        @Override
        public void fail(Throwable failure) {
            LOG.warnf(failure, "GraphQL operation %s failed", operation.id);
            if (operation.end()) {
                error(operation.id, internalError());
            }
        }
    }

    /**
     * Forwards a subscription's results; a failure ends it with an {@code error} message, never silence.
     * A stream that went to the operation's outlet ends here at once, and the outlet carries it on.
     */
    private final class Stream implements Subscriber<ExecutionResult> {

        private final Operation operation;

        Stream(Operation operation) {
            this.operation = operation;
        }

        @Override
        public void onSubscribe(Subscription s) {
            operation.stream = s;
            if (!frames.isOpen() || running.get(operation.id) != operation) {
                s.cancel(); // completed by the client or the socket closed meanwhile
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(ExecutionResult result) {
            if (running.get(operation.id) != operation) {
                return;
            }
            next(operation.id, new ExecutionResponse(result).getExecutionResultAsJsonObject());
            operation.stream.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof BackPressureFailure) {
                frames.tooFarBehind();
            } else if (operation.end()) {
                error(operation.id, errorsFor(failure));
            }
        }

        @Override
        public void onComplete() {
            operation.stream = null; // nothing of the execution stays with the operation
            if (!operation.outlet.opened() && operation.end()) {
                frames.send(Json.createObjectBuilder().add("type", "complete").add("id", operation.id).build());
            }
        }
    }

    private static JsonArray errorsFor(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ParleyException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ParleyException known && known.code() != ErrorCode.INTERNAL) {
            var extensions = Json.createObjectBuilder();
            known.getExtensions().forEach((name, value) -> extensions.add(name, value instanceof JsonValue json ? json : Json.createValue(String.valueOf(value))));
            return Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", known.getMessage()).add("extensions", extensions)).build();
        }
        LOG.warn("A subscription stream failed", failure);
        return internalError();
    }

    private static JsonArray internalError() {
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", "Internal error")
                .add("extensions", Json.createObjectBuilder().add("code", ErrorCode.INTERNAL.name()))).build();
    }

    private void next(String id, JsonObject payload) {
        frames.send(Json.createObjectBuilder().add("type", "next").add("id", id).add("payload", payload).build());
    }

    private void error(String id, JsonArray errors) {
        frames.send(Json.createObjectBuilder().add("type", "error").add("id", id).add("payload", errors).build());
    }
}
