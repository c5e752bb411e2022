package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** One socket holds at most parley.live.max-operations operations and subscribes at most parley.live.subscribes-per-second. */
@QuarkusTest
class SocketQuotaTest {

    private static final String EVENTS = "subscription { events { type } }";
    private static final String ME = "{ me { id } }";

    @Inject
    ParleyConfig config;

    @Test
    void anOperationBeyondTheCapGetsAnErrorAndTheOthersGoOn() throws InterruptedException {
        Accounts.Account ann = Accounts.register();
        String general = WorkspaceOps.channelId(ann, ann.workspaceId(), "general");
        int max = config.live().maxOperations();
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                ids.add("s" + i);
                socket.subscribe("s" + i, EVENTS); // a socket may open all its operations at once
            }
            socket.subscribe("one-too-many", ME);
            JsonPath refused = socket.nextOf("error");
            assertEquals("one-too-many", refused.getString("id"));
            assertEquals("RATE_LIMITED", refused.getString("payload[0].extensions.code"));
            assertEquals("TOO_MANY_OPERATIONS", refused.getString("payload[0].extensions.subCode"));
            assertEquals(1, refused.getInt("payload[0].extensions.retryAfterSeconds"));

            socket.send(Map.of("type", "complete", "id", ids.remove(0)));
            Thread.sleep(1000 / config.live().subscribesPerSecond() + 50); // the burst is spent: the next subscribe at the rate
            socket.subscribe("room-again", ME);
            assertEquals("room-again", socket.nextOf("next").getString("id"), "completing one makes room");
            assertEquals("room-again", socket.nextOf("complete").getString("id"));
            socket.awaitLive(() -> Messages.post(ann, general, "still there?"), ids.toArray(String[]::new));
        }
    }

    @Test
    void subscribesFasterThanTheRateAreRefused() {
        Accounts.Account ann = Accounts.register();
        int perSecond = config.live().subscribesPerSecond();
        int firstBurst = config.live().maxOperations();
        int sent = firstBurst + 60;
        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            List<Map<String, Object>> burst = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                // Completed at once, so the operations cap never counts: only the rate.
                burst.add(Map.of("type", "subscribe", "id", "q" + i, "payload", Map.of("query", ME)));
                burst.add(Map.of("type", "complete", "id", "q" + i));
            }
            burst.add(Map.of("type", "subscribe", "id", "sentinel", "payload", Map.of("query", ME)));
            long start = System.nanoTime();
            socket.sendAll(burst);
            List<JsonPath> refusals = new ArrayList<>();
            // The sentinel's answer (next or error) comes after the server has handled the whole burst.
            for (JsonPath message = socket.next(); !"sentinel".equals(message.getString("id")); message = socket.next()) {
                if ("error".equals(message.getString("type"))) {
                    refusals.add(message);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The bucket lets the first burst through at once, then perSecond for each second the server took.
            long mustRefuse = sent - firstBurst - Math.round(perSecond * seconds) - 1;
            assertTrue(refusals.size() >= Math.max(1, mustRefuse), refusals.size() + " of " + sent + " refused in " + seconds + " s");
            for (JsonPath refusal : refusals) {
                assertEquals("TOO_MANY_SUBSCRIBES", refusal.getString("payload[0].extensions.subCode"));
                assertTrue(Integer.parseInt(refusal.getString("id").substring(1)) >= firstBurst, "the burst passes: " + refusal.getString("id"));
            }
        }
    }
}
