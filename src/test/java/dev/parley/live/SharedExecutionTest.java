package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.live.delivery.SharedRendering;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.JsonPath;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** One execution per event and group of subscribers: the same bytes for everyone, what depends on the caller per person. */
@QuarkusTest
class SharedExecutionTest {

    static final String EVENTS = "subscription { events { cursor type channelId message { id text author { id name } } } }";
    static final String REACTIONS = "subscription { events { cursor type reaction { emoji count reactedByMe } } }";

    @Inject
    SharedRendering rendering;

    @Test
    void membersWithTheSameSelectionGetTheSameBytesApartFromTheirCursor() throws InterruptedException {
        Teams.Team team = Teams.withMembers(2);
        Account ann = team.owner();
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        List<Frames> sockets = List.of(Frames.live(team.member(0), EVENTS, ann, general), Frames.live(team.member(1), EVENTS, ann, general));
        try {
            long before = rendering.executions();
            String sent = Messages.post(ann, general, "the same for both");
            String first = sockets.get(0).nextWithText("the same for both"), second = sockets.get(1).nextWithText("the same for both");
            assertEquals(1, rendering.executions() - before, "executions for one event to two people with one selection");
            assertTrue(first.contains(sent) && first.contains(ann.userId()), first);
            assertNotEquals(cursorOf(first), cursorOf(second), "each socket has its own cursor");
            assertEquals(withoutCursor(first), withoutCursor(second));
        } finally {
            sockets.forEach(Frames::close);
        }
        awaitNoGroupLeft();
    }

    @Test
    void aCallerDependentFieldIsRightForEachSubscriberOfTheFeed() throws InterruptedException {
        Teams.Team team = Teams.withMembers(2);
        Account ann = team.owner(), bob = team.member(0), carol = team.member(1);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String message = Messages.post(ann, general, "react to this");
        // Two sockets of bob's, one of carol's: bob's share an execution, carol's is her own.
        List<Frames> sockets = List.of(Frames.live(bob, REACTIONS, ann, general), Frames.live(bob, REACTIONS, ann, general),
                Frames.live(carol, REACTIONS, ann, general));
        try {
            long before = rendering.executions();
            bob.client().execute("mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { id } }",
                    Map.of("id", message, "e", "👍"));
            List<Boolean> reactedByMe = new ArrayList<>();
            for (Frames socket : sockets) {
                JsonPath event = new JsonPath(socket.nextWithText("REACTION_ADDED"));
                assertEquals(1, event.getInt("payload.data.events.reaction.count"));
                reactedByMe.add(event.getBoolean("payload.data.events.reaction.reactedByMe"));
            }
            assertEquals(List.of(true, true, false), reactedByMe);
            assertEquals(2, rendering.executions() - before, "executions: one per person, as reactedByMe is theirs");
        } finally {
            sockets.forEach(Frames::close);
        }
        awaitNoGroupLeft();
    }

    /** Once its sockets closed, a group is gone: nothing holds its request and renderings. */
    private void awaitNoGroupLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rendering.groups() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, rendering.groups(), "groups left after every socket closed");
    }

    private static String cursorOf(String frame) {
        return new JsonPath(frame).getString("payload.data.events.cursor");
    }

    private static String withoutCursor(String frame) {
        return frame.replace(cursorOf(frame), "<cursor>");
    }

    /** A socket, live, whose messages are kept as the exact text that arrived. */
    private record Frames(SocketClient socket, LinkedBlockingQueue<String> texts) {

        static Frames live(Account who, String query, Account poster, String channelId) {
            SocketClient socket = SocketClient.connect().signIn(who.accessToken());
            socket.subscribe("e", query);
            socket.awaitLive(() -> Messages.post(poster, channelId, "probe"), "e");
            LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
            socket.onEachMessage((arrivedAt, text) -> texts.add(text));
            return new Frames(socket, texts);
        }

        String nextWithText(String part) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (;;) {
                String text = texts.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (text == null) {
                    throw new AssertionError("nothing with " + part + " within 10 s");
                }
                if (text.contains(part)) {
                    return text;
                }
            }
        }

        void close() {
            socket.close();
        }
    }
}
