package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventType;
import dev.parley.live.subscription.EventCursor;
import dev.parley.live.subscription.EventCursors;
import dev.parley.message.MessageStore;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.redis.LiveBus;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.LoggedMessages;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** Cursors are unforgeable and personal, and resuming from one is exact: every missed event once, in order. */
@QuarkusTest
class CursorTest {

    private static final String JOIN = "mutation($id: ID!) { joinChannel(id: $id) { id } }";

    @Inject
    EventCursors cursors;

    @Inject
    ChannelEventLog log;

    @Inject
    ChannelEventReads reads;

    @Inject
    Dynamo dynamo;

    @Inject
    MessageStore messages;

    @Inject
    LiveBus bus;

    @Inject
    ParleyConfig config;

    @Test
    void aCursorTheServerDidNotGiveToThisPersonIsRefusedLikeAMalformedOne() throws IOException {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String bobs = ResumeTest.cursorOfALastEvent(ann, bob, general);

        byte[] signed = Base64.getUrlDecoder().decode(bobs);
        signed[3] ^= 0x01;
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        try (SocketClient asBob = SocketClient.connect().signIn(bob.accessToken());
                SocketClient asAnn = SocketClient.connect().signIn(ann.accessToken())) {
            List<String> forgeries = List.of(unsignedAsBefore(general), changed, "garbage!");
            for (int i = 0; i < forgeries.size(); i++) {
                asBob.subscribe("forged " + i, SubscriptionTest.EVENTS, Map.of("after", forgeries.get(i)));
                assertRefused(asBob.nextOf("error"));
            }
            asAnn.subscribe("someone else's", SubscriptionTest.EVENTS, Map.of("after", bobs));
            assertRefused(asAnn.nextOf("error"));

            asBob.subscribe("own", SubscriptionTest.EVENTS, Map.of("after", bobs));
            String sent = Messages.post(ann, general, "for bob, resumed with his own cursor");
            assertEquals(sent, asBob.nextOf("next").getString("payload.data.events.message.id"), "bob's own cursor works");
        }
    }

    @Test
    void aCursorsTimeSplitsEachChannelAtThatVeryInstant() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String x = Teams.channel(ann, team.workspaceId(), Teams.channelName("x"), false);
        String y = Teams.channel(ann, team.workspaceId(), Teams.channelName("y"), false);
        bob.client().execute(JOIN, Map.of("id", x)).assertNoErrors();
        bob.client().execute(JOIN, Map.of("id", y)).assertNoErrors();
        Messages.post(ann, y, "y1");
        Messages.post(ann, x, "x1");
        Messages.post(ann, x, "x2");
        String x3 = Messages.post(ann, x, "x3");
        List<ChannelEvent> ofX = reads.read(x, 0, 10);
        Instant atX2 = ofX.get(ofX.size() - 2).at(), atX3 = ofX.get(ofX.size() - 1).at();

        // The server's own cursors with chosen times: y's head is before both; x has x3 after the first, nothing after the second.
        String atSecond = cursors.encode(bob.userId(), new EventCursor(atX2, Map.of()));
        String atThird = cursors.encode(bob.userId(), new EventCursor(atX3, Map.of()));
        String laterInY;
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", atSecond));
            assertEquals(x3, socket.nextOf("next").getString("payload.data.events.message.id"), "only what came after x2");
            laterInY = Messages.post(ann, y, "in y, after x3");
            assertEquals(laterInY, socket.nextOf("next").getString("payload.data.events.message.id"), "nothing from y before it");
        }
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", atThird));
            String sentinel = Messages.post(ann, x, "after the second");
            // Two channels: in order within each, in any order between them.
            assertEquals(java.util.Set.of(laterInY, sentinel), java.util.Set.copyOf(SubscriptionTest.nextEvents(socket, 2).stream()
                    .map(event -> event.getString("payload.data.events.message.id")).toList()),
                    "an event exactly at the cursor's time is before it: x3 is not replayed, what came later in y is");
        }
    }

    @Test
    void resumingAfterActivityInManyChannelsAndFromAPodWhoseClockIsBehindMissesNothingAndRepeatsNothing() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        List<String> busy = new ArrayList<>(List.of(WorkspaceOps.channelId(ann, team.workspaceId(), "general")));
        for (int i = 0; i < 3; i++) {
            busy.add(Teams.channel(ann, team.workspaceId(), Teams.channelName("busy"), false));
            bob.client().execute(JOIN, Map.of("id", busy.get(i + 1))).assertNoErrors();
        }
        String quiet = Teams.channel(ann, team.workspaceId(), Teams.channelName("quiet"), false);
        bob.client().execute(JOIN, Map.of("id", quiet)).assertNoErrors();
        Messages.post(ann, quiet, "the last word for a while");
        ChannelEventLog slowPod = new ChannelEventLog(dynamo, bus, config, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-2)));

        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<JsonPath> beforeTheDrop = new ArrayList<>();
        String cursor;
        CompletableFuture<Void> throughTheApi, throughTheSlowPod;
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS);
            socket.awaitLive(() -> Messages.post(ann, busy.get(0), "probe"), "e");
            throughTheApi = CompletableFuture.runAsync(() -> {
                for (int i = 0; !stop.get(); i++) {
                    written.add(Messages.post(ann, busy.get(i % busy.size()), "through the API " + i));
                    pause(20); // well inside ann's send limit however fast the machine
                }
            });
            throughTheSlowPod = CompletableFuture.runAsync(() -> {
                for (int i = 0; !stop.get(); i++) {
                    written.add(LoggedMessages.write(slowPod, messages, busy.get(1 + i % 2), ann.userId(), "from the slow pod " + i));
                    pause(40);
                }
            });
            // Long enough for the quiet channel to settle, so that the cursor implies it rather than lists it.
            long until = System.nanoTime() + ChannelEventLog.SETTLE_TIME.plusSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                beforeTheDrop.add(socket.nextOf("next"));
            }
            cursor = beforeTheDrop.get(beforeTheDrop.size() - 1).getString("payload.data.events.cursor");
        }
        String afterTheDrop = Messages.post(ann, quiet, "while bob is away");
        pause(1000);
        stop.set(true);
        CompletableFuture.allOf(throughTheApi, throughTheSlowPod).join();
        written.add(afterTheDrop);

        EventCursor decoded = cursors.decode(bob.userId(), cursor);
        assertFalse(decoded.positions().containsKey(quiet), "the quiet channel is implied by the cursor's time: " + decoded);
        assertTrue(busy.stream().anyMatch(decoded.positions()::containsKey), "busy channels are listed: " + decoded);

        Map<String, List<String>> expected = new HashMap<>();
        for (String channelId : busy) {
            expected.put(channelId, createdIn(channelId, written));
        }
        expected.put(quiet, List.of(afterTheDrop));
        int total = expected.values().stream().mapToInt(List::size).sum();
        Map<String, List<String>> received = new HashMap<>();
        beforeTheDrop.forEach(event -> record(event, written, received));
        int missed = total - received.values().stream().mapToInt(List::size).sum();
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", cursor));
            SubscriptionTest.nextEvents(socket, missed).forEach(event -> record(event, written, received));
            String sentinel = Messages.post(ann, quiet, "live again");
            assertEquals(sentinel, socket.nextOf("next").getString("payload.data.events.message.id"), "nothing more was replayed");
        }
        assertEquals(expected, received, "every message once, in each channel's order");
    }

    /** The messages of {@code ids} created in the channel, in the log's order. */
    private List<String> createdIn(String channelId, List<String> ids) {
        return reads.read(channelId, 0, 1000).stream().filter(e -> e.type() == EventType.MESSAGE_CREATED)
                .map(e -> e.message().id()).filter(ids::contains).toList();
    }

    private static void record(JsonPath event, List<String> written, Map<String, List<String>> received) {
        String id = event.getString("payload.data.events.message.id");
        if ("MESSAGE_CREATED".equals(event.getString("payload.data.events.type")) && written.contains(id)) {
            received.computeIfAbsent(event.getString("payload.data.events.channelId"), c -> new ArrayList<>()).add(id);
        }
    }

    private static void assertRefused(JsonPath error) {
        assertEquals("BAD_USER_INPUT", error.getString("payload[0].extensions.code"), error.prettify());
        assertEquals("after", error.getString("payload[0].extensions.field"));
        assertEquals("after is not a cursor this server gave out", error.getString("payload[0].message"));
    }

    /** A cursor in the format this server gave out before cursors were signed: a version, the time, (channel, seq) pairs. */
    private static String unsignedAsBefore(String channelId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(Instant.now().minusSeconds(3600).toEpochMilli());
            out.writeShort(1);
            byte[] id = channelId.getBytes(StandardCharsets.UTF_8);
            out.writeByte(id.length);
            out.write(id);
            out.writeLong(0);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
