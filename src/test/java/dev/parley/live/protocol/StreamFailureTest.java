package dev.parley.live.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

import dev.parley.live.delivery.DeliveryLanes;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Caller;
import dev.parley.testing.JsonPath;
import dev.parley.testing.SocketClient;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A subscription whose stream fails mid-way ends with an {@code error} message, never silence, and
 * the message names no class and shows no stack trace. The socket itself stays open.
 */
class StreamFailureTest {

    private Vertx vertx;
    private HttpServer server;
    private volatile Throwable failure;

    @BeforeEach
    void serveOneSocketProtocolWithAFailingStream() {
        vertx = Vertx.vertx();
        LiveSockets sockets = new LiveSockets(vertx, null, null, null) {
            @Override
            Caller authenticate(JsonObject payload) {
                return new Caller("someone", "session", "token", Instant.now().plus(Duration.ofMinutes(5)));
            }

            @Override
            void opened(GraphQLSocket socket) {
            }

            @Override
            void closed(GraphQLSocket socket) {
            }

            @Override
            void heartbeat(String userId) {
            }
        };
        GraphQLOperations operations = new GraphQLOperations(null) {
            @Override
            public void execute(JsonObject request, Caller caller, ExecutionResponseWriter writer, Map<String, Object> extra) {
                writer.write(new ExecutionResponse(ExecutionResultImpl.newExecutionResult().data(oneResultThenFailure()).build()));
            }
        };
        ParleyConfig.Live settings = new ParleyConfig.Live() {
            public Duration initTimeout() {
                return Duration.ofSeconds(3);
            }

            public Duration pingEvery() {
                return Duration.ofSeconds(15);
            }

            public MemorySize sendBuffer() {
                return new MemorySize(java.math.BigInteger.valueOf(1 << 20));
            }

            public int maxOperations() {
                return 100;
            }

            public int subscribesPerSecond() {
                return 20;
            }
        };
        server = vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of(GraphQLWebSocketRoute.SUBPROTOCOL)))
                .webSocketHandler(socket -> new GraphQLSocket(socket, ((io.vertx.core.http.impl.WebSocketInternal) socket).channelHandlerContext(), sockets, operations, null, new DeliveryLanes(), settings).start())
                .listen(0).toCompletionStage().toCompletableFuture().join();
    }

    /** What graphql-java hands over for a subscription (a Reactive Streams publisher): one result, then the failure. */
    private Publisher<ExecutionResult> oneResultThenFailure() {
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            private int requested;

            @Override
            public void request(long n) {
                if (requested++ == 0) {
                    subscriber.onNext(ExecutionResultImpl.newExecutionResult().data(Map.of("n", 1)).build());
                } else {
                    subscriber.onError(failure);
                }
            }

            @Override
            public void cancel() {
            }
        });
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void anUnexpectedFailureEndsTheStreamWithAnInternalErrorMessage() {
        failure = new IllegalStateException("secret detail in dev.parley.Something");
        try (SocketClient socket = SocketClient.connect(server.actualPort(), GraphQLWebSocketRoute.SUBPROTOCOL).signIn("token")) {
            socket.subscribe("s", "subscription { whatever }");
            assertEquals(1, socket.nextOf("next").getInt("payload.data.n"));
            JsonPath error = socket.nextOf("error");
            assertEquals("s", error.getString("id"));
            assertEquals("INTERNAL", error.getString("payload[0].extensions.code"));
            assertFalse(error.prettify().contains("dev.parley") || error.prettify().contains("secret"), error.prettify());
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void aKnownFailureKeepsItsCode() {
        failure = ParleyException.notFound("Channel");
        try (SocketClient socket = SocketClient.connect(server.actualPort(), GraphQLWebSocketRoute.SUBPROTOCOL).signIn("token")) {
            socket.subscribe("s", "subscription { whatever }");
            socket.nextOf("next");
            JsonPath error = socket.nextOf("error");
            assertEquals("NOT_FOUND", error.getString("payload[0].extensions.code"));
            socket.send(Map.of("type", "ping"));
            socket.assertNextIs("pong, no complete after the error", message -> "pong".equals(message.getString("type")));
        }
    }
}
