package dev.parley.live.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.live.delivery.DeliveryLanes;
import dev.parley.live.delivery.GraphQLOperations;
import dev.parley.live.delivery.SharedRendering;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.lifecycle.Drain;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;

/**
 * Serves {@code graphql-transport-ws} at {@code /graphql}. Quarkus's own SmallRye handler on that
 * path misses parts of the protocol (no init timeout, silence when a stream fails, no token in
 * {@code connection_init}), so this route takes WebSocket upgrades first; plain HTTP requests go
 * on to SmallRye as before.
 */
@ApplicationScoped
public class GraphQLWebSocketRoute {

    private static final Logger LOG = Logger.getLogger(GraphQLWebSocketRoute.class);
    public static final String SUBPROTOCOL = "graphql-transport-ws";
    /** Before SmallRye's WebSocket route (order -99), after CORS and authentication. */
    private static final int ORDER = -101;
    private static final short SUBPROTOCOL_NOT_ACCEPTABLE = 4406;

    private final LiveSockets sockets;
    private final GraphQLOperations operations;
    private final SharedRendering rendering;
    private final DeliveryLanes lanes;
    private final ParleyConfig.Live settings;
    private final Drain drain;

    public GraphQLWebSocketRoute(LiveSockets sockets, GraphQLOperations operations, SharedRendering rendering, DeliveryLanes lanes,
            ParleyConfig config, Drain drain) {
        this.sockets = sockets;
        this.lanes = lanes;
        this.rendering = rendering;
        this.operations = operations;
        this.settings = config.live();
        this.drain = drain;
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(context -> {
            if (!context.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
                context.next();
                return;
            }
            if (drain.isDraining()) { // the client retries, and lands on another pod
                context.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end("Draining: connect again");
                return;
            }
            // The connection's Netty channel: live delivery writes its frames there (GraphQLSocket#write).
            ChannelHandlerContext channel = ((ConnectionBase) context.request().connection()).channelHandlerContext();
            context.request().toWebSocket().onSuccess(socket -> {
                if (!SUBPROTOCOL.equals(socket.subProtocol())) {
                    socket.close(SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable: use " + SUBPROTOCOL);
                    return;
                }
                new GraphQLSocket(socket, channel, sockets, operations, rendering, lanes, settings).start();
            }).onFailure(failure -> LOG.debugf("WebSocket upgrade failed: %s", failure.getMessage()));
        });
    }
}
