package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.parley.event.ChannelEventLog;
import dev.parley.live.subscription.EventCursors;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A cursor rides on every event, so its size matters: for someone in 200 channels it lists only the
 * channels active in the last few seconds, whatever the number they are in.
 */
@QuarkusTest
class CursorSizeTest {

    private static final Logger LOG = Logger.getLogger(CursorSizeTest.class);
    private static final String EVENTS = "subscription { events { cursor type channelId message { id } } }";
    private static final String TYPE = "mutation($c: ID!) { startTyping(channelId: $c) }";
    /** Channels active within this long before a cursor may be listed in it: the settle time, and the head checks' rounds. */
    private static final Duration LATELY = ChannelEventLog.SETTLE_TIME.plusSeconds(4);

    @Inject
    EventCursors cursors;

    @Test
    void someoneInTwoHundredChannelsGetsCursorsThatListOnlyTheChannelsActiveLately() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ann, team.workspaceId(), "random");
        bob.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", random)).assertNoErrors();
        List<String> channels = new ArrayList<>(List.of(general, random));
        channels.addAll(createChannels(ann, team.workspaceId(), 198));

        try (SocketClient socket = SocketClient.connect().signIn(ann.accessToken())) {
            socket.subscribe("e", EVENTS);
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");

            String idle = quietCursor(socket, ann, bob, List.of(general, random));
            LOG.infof("cursor of someone in %d idle channels: %d characters", channels.size(), idle.length());
            assertTrue(idle.length() < 50, "an idle cursor: " + idle.length() + " characters");

            Map<String, Instant> lastPosted = new ConcurrentHashMap<>();
            List<String> few = channels.subList(10, 13);
            String afterFew = null;
            for (String channelId : few) {
                lastPosted.put(channelId, Instant.now());
                String sent = Messages.post(ann, channelId, "a little activity");
                afterFew = nextMessageEvent(socket, sent).getString("payload.data.events.cursor");
            }
            assertEquals(Set.copyOf(few), cursors.decode(ann.userId(), afterFew).positions().keySet(), "only the active channels are listed");
            LOG.infof("cursor with activity in %d of %d channels: %d characters", few.size(), channels.size(), afterFew.length());
            assertTrue(afterFew.length() < 200, "a cursor with three active channels: " + afterFew.length() + " characters");

            // Many channels active, one after another for longer than LATELY: every cursor lists only those of the last seconds.
            List<String> busy = channels.subList(20, 80);
            int mostListed = 0;
            for (String channelId : busy) {
                lastPosted.put(channelId, Instant.now());
                String sent = Messages.post(ann, channelId, "busy");
                JsonPath event = nextMessageEvent(socket, sent);
                Instant received = Instant.now();
                Set<String> listed = cursors.decode(ann.userId(), event.getString("payload.data.events.cursor")).positions().keySet();
                for (String channel : listed) {
                    Instant posted = lastPosted.get(channel);
                    assertTrue(posted != null && posted.isAfter(received.minus(LATELY)), "listed though quiet since " + posted + ": " + channel);
                }
                mostListed = Math.max(mostListed, listed.size());
                pause(150);
            }
            LOG.infof("while %d channels were active one after another, cursors listed at most %d", busy.size(), mostListed);
            assertTrue(mostListed < busy.size(), "listed " + mostListed + " of " + busy.size());

            String quietAgain = quietCursor(socket, ann, bob, List.of(general, random));
            assertTrue(quietAgain.length() < 50, "quiet again: " + quietAgain.length() + " characters");
        }
    }

    /** Bob types (live only, so ann's positions stay) until ann's cursor lists no channel; that cursor. */
    private String quietCursor(SocketClient socket, Account ann, Account bob, List<String> where) {
        Predicate<String> listsNothing = cursor -> cursors.decode(ann.userId(), cursor).positions().isEmpty();
        long deadline = System.nanoTime() + LATELY.plusSeconds(10).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            // startTyping publishes at most once per channel every half typing TTL: take turns.
            bob.client().execute(TYPE, Map.of("c", where.get(i % where.size()))).assertNoErrors();
            for (JsonPath event : socket.drain(Duration.ofMillis(1300))) {
                String cursor = event.getString("payload.data.events.cursor");
                if ("TYPING".equals(event.getString("payload.data.events.type")) && listsNothing.test(cursor)) {
                    return cursor;
                }
            }
        }
        throw new AssertionError("no cursor without listed channels within " + LATELY.plusSeconds(10));
    }

    private static JsonPath nextMessageEvent(SocketClient socket, String messageId) {
        for (;;) {
            JsonPath event = socket.nextOf("next");
            if (messageId.equals(event.getString("payload.data.events.message.id"))) {
                return event;
            }
        }
    }

    private static List<String> createChannels(Account owner, String workspaceId, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(pool.submit(() -> Teams.channel(owner, workspaceId, Teams.channelName("c"), false)));
            }
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<String> id : created) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
