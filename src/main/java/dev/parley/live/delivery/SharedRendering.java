package dev.parley.live.delivery;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import dev.parley.live.subscription.Event;
import dev.parley.platform.json.Json;
import dev.parley.platform.security.Caller;
import graphql.ExecutionResult;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;

/**
 * Shared execution: for each event, a subscription's selection runs once per
 * {@link SharedSelection} (graphql-java executing the subscription's document with the event as its
 * only item, {@code EventGraphQL}), is serialized once, and every socket of the group gets the same
 * text with only its operation id and its cursor put in. The cursor is rendered as a placeholder
 * (random per pod, so no text can forge it) and put in per socket.
 */
@ApplicationScoped
public class SharedRendering {

    /** The events rendered lately per group: a feed hands one event to all its subscribers within moments. */
    private static final int REMEMBERED = 64;
    private static final long RENDER_TIMEOUT_SECONDS = 30;

    private final GraphQLOperations operations;
    private final Instance<GraphQLSchema> schema;
    private final String placeholder;
    private final Pattern placeholderPattern;
    private final Map<SharedSelection, Group> groups = new ConcurrentHashMap<>();
    private final LongAdder executions = new LongAdder();

    public SharedRendering(GraphQLOperations operations, Instance<GraphQLSchema> schema) {
        this.operations = operations;
        this.schema = schema;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.placeholder = "cursor-" + java.util.HexFormat.of().formatHex(random);
        this.placeholderPattern = Pattern.compile(Pattern.quote(placeholder));
    }

    /** The group of a subscription; {@link #leave} it when the subscription ends. */
    Group join(JsonObject request, Caller caller) {
        String operationName = request.containsKey("operationName") && !request.isNull("operationName")
                ? request.getString("operationName") : null;
        Map<String, Object> variables = request.get("variables") instanceof JsonObject json ? plain(json) : Map.of();
        SharedSelection selection = SharedSelection.of(schema.get(), request.getString("query"), operationName, variables,
                caller.userId());
        return groups.compute(selection, (key, group) -> {
            Group joined = group == null ? new Group(key, request, caller) : group;
            joined.members.incrementAndGet();
            return joined;
        });
    }

    void leave(Group left) {
        groups.computeIfPresent(left.selection, (key, group) -> group == left && group.members.decrementAndGet() == 0 ? null : group);
    }

    /** How every {@code next} message of operation {@code id} starts, in UTF-8 (made once per operation: {@link #next}). */
    static byte[] framePrefix(String id) {
        return ("{\"type\":\"next\",\"id\":" + Json.createValue(id) + ",\"payload\":").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code next} message, in UTF-8, for {@code event} of the operation whose {@link #framePrefix}
     * is given: executed and encoded once per group and event, then copied with the socket's cursor in.
     */
    byte[] next(Group group, byte[] framePrefix, Event event) {
        byte[][] parts = group.rendered(event);
        String cursor = String.valueOf(event.cursor()); // base64url: one byte per character
        int length = framePrefix.length + (parts.length - 1) * cursor.length() + 1;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] frame = new byte[length];
        System.arraycopy(framePrefix, 0, frame, 0, framePrefix.length);
        int at = framePrefix.length;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                for (int c = 0; c < cursor.length(); c++) {
                    frame[at++] = (byte) cursor.charAt(c);
                }
            }
            System.arraycopy(parts[i], 0, frame, at, parts[i].length);
            at += parts[i].length;
        }
        frame[at] = '}';
        return frame;
    }

    /** How many groups have subscribers now (tests: none is left behind). */
    public int groups() {
        return groups.size();
    }

    /** How many executions have run (tests and the benchmark: one per event and group). */
    public long executions() {
        return executions.sum();
    }

    /** The subscribers of one selection shape and visibility class. */
    final class Group {
        final SharedSelection selection;
        final JsonObject request;
        final Caller caller;
        final AtomicInteger members = new AtomicInteger();
        /** By event source (identity: the feed hands the same object to every subscriber). */
        private final Map<Object, CompletableFuture<byte[][]>> recent = Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, CompletableFuture<byte[][]>> eldest) {
                return size() > REMEMBERED;
            }
        });

        Group(SharedSelection selection, JsonObject request, Caller caller) {
            this.selection = selection;
            this.request = request;
            this.caller = caller;
        }

        byte[][] rendered(Event event) {
            Object source = event.change() != null ? event.change() : event.typing();
            if (source == null) {
                return execute(event); // the subscriber's own (a notification, presence, a read marker)
            }
            IdentityKey key = new IdentityKey(source);
            CompletableFuture<byte[][]> mine = new CompletableFuture<>();
            CompletableFuture<byte[][]> known = recent.putIfAbsent(key, mine);
            if (known != null) {
                return known.orTimeout(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
            }
            try {
                mine.complete(execute(event));
            } catch (RuntimeException failure) {
                recent.remove(key, mine);
                mine.completeExceptionally(failure);
                throw failure;
            }
            return mine.join();
        }

        private byte[][] execute(Event event) {
            executions.increment();
            Event template = new Event(placeholder, event.type(), event.channelId(), event.message(), event.typing(), event.presence(),
                    event.change(), event.notificationId());
            CompletableFuture<JsonObject> payload = new CompletableFuture<>();
            operations.execute(request, caller, new OneItem(payload), Map.of(GraphQLOperations.RENDER, template));
            String text = payload.orTimeout(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS).join().toString();
            String[] parts = placeholderPattern.split(text, -1);
            byte[][] encoded = new byte[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            }
            return encoded;
        }
    }

    /** The one result of a subscription whose stream is a single event. */
    private static final class OneItem implements ExecutionResponseWriter {
        private final CompletableFuture<JsonObject> payload;

        OneItem(CompletableFuture<JsonObject> payload) {
            this.payload = payload;
        }

        @Override
        public void write(ExecutionResponse response) {
            ExecutionResult result = response.getExecutionResult();
            if (result.isDataPresent() && result.getData() instanceof Publisher<?> stream) {
                @SuppressWarnings("unchecked")
                Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) stream;
                results.subscribe(new Subscriber<>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(1);
                    }

                    @Override
                    public void onNext(ExecutionResult item) {
                        payload.complete(new ExecutionResponse(item).getExecutionResultAsJsonObject());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        payload.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                        if (!payload.isDone()) { // the usual end, right after its event: no exception to build
                            payload.completeExceptionally(new IllegalStateException("The rendering stream ended without its event"));
                        }
                    }
                });
            } else {
                payload.complete(response.getExecutionResultAsJsonObject());
            }
        }

        @Override
        public void fail(Throwable failure) {
            payload.completeExceptionally(failure);
        }
    }

    private record IdentityKey(Object source) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && key.source == source;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(source);
        }
    }

    private static Map<String, Object> plain(JsonObject json) {
        Map<String, Object> values = new HashMap<>();
        json.forEach((name, value) -> values.put(name, plain(value)));
        return values;
    }

    private static Object plain(jakarta.json.JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case NUMBER -> ((jakarta.json.JsonNumber) value).numberValue();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
            case ARRAY -> ((jakarta.json.JsonArray) value).stream().map(SharedRendering::plain).toList();
            case OBJECT -> plain((JsonObject) value);
        };
    }
}
