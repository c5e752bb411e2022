package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventType;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sends, replies, mentions (by name and of everyone), deletions, read markers, joins and leaves by
 * several people at once; afterwards every member's unreadCount and mentionCount equal a brute-force
 * recount from the channel's log (what was created after they last joined, in commit order), the
 * messages as they are now, and their read marker.
 */
@QuarkusTest
class UnreadOracleTest {

    private static final String JOIN = "mutation($id: ID!) { joinChannel(id: $id) { id } }";
    private static final String LEAVE = "mutation($id: ID!) { leaveChannel(id: $id) }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id } }";
    private static final String MARK = "mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id } }";
    private static final String COUNTS = "query($id: ID!) { channel(id: $id) { unreadCount mentionCount } }";

    @Inject
    ChannelEventLog log;

    @Inject
    ChannelEventReads reads;

    @Inject
    ChannelStore channels;

    @Test
    void countsEqualARecountAfterConcurrentChanges() throws Exception {
        Teams.Team team = Teams.withMembers(4);
        Account ada = team.owner();
        List<Account> people = List.of(ada, team.member(0), team.member(1), team.member(2), team.member(3));
        String room = Teams.channel(ada, team.workspaceId(), Teams.channelName("oracle"), false);
        people.subList(1, people.size()).forEach(p -> p.client().execute(JOIN, Map.of("id", room)).assertNoErrors());
        List<String[]> sent = new CopyOnWriteArrayList<>(); // {messageId, authorId}
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                Account me = people.get(i);
                boolean comesAndGoes = i == people.size() - 1;
                Random random = new Random(1000 + i);
                runs.add(pool.submit(() -> act(me, comesAndGoes, random, room, people, sent)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChannelEvent> events = reads.read(room, 0, 10_000);
        int checked = 0, nonZero = 0;
        for (Account person : people) {
            if (channels.membership(room, person.userId()).isEmpty()) {
                continue;
            }
            int[] expected = recount(events, person.userId(), channels.membership(room, person.userId()).get().lastReadMessageId());
            var counts = person.client().execute(COUNTS, Map.of("id", room));
            assertEquals(expected[0], (int) counts.data("channel.unreadCount"), "unread of " + person.userId());
            assertEquals(expected[1], (int) counts.data("channel.mentionCount"), "mentions of " + person.userId());
            checked++;
            nonZero += expected[0] + expected[1] > 0 ? 1 : 0;
        }
        assertEquals(true, checked >= 4 && nonZero > 0, "the run leaves members with something to count (" + nonZero + " of " + checked + ")");
    }

    private static void act(Account me, boolean comesAndGoes, Random random, String room, List<Account> people, List<String[]> sent) {
        boolean in = true;
        for (int step = 0; step < 18; step++) {
            int roll = random.nextInt(100);
            if (comesAndGoes && roll < 15) {
                me.client().execute(in ? LEAVE : JOIN, Map.of("id", room)).assertNoErrors();
                in = !in;
                continue;
            }
            if (!in) {
                continue;
            }
            if (roll < 35) {
                Account other = people.get(random.nextInt(people.size()));
                String text = random.nextInt(3) == 0 ? "hey <@" + other.userId() + ">" : random.nextInt(8) == 0 ? "@channel look" : "note " + step;
                sent.add(new String[] { Messages.post(me, room, text), me.userId() });
            } else if (roll < 50 && !sent.isEmpty()) {
                String root = sent.get(random.nextInt(sent.size()))[0];
                Account other = people.get(random.nextInt(people.size()));
                Messages.send(me, room, "reply <@" + other.userId() + ">", root); // may answer NOT_FOUND for a deleted root
            } else if (roll < 62 && !sent.isEmpty()) {
                List<String> mine = sent.stream().filter(m -> m[1].equals(me.userId())).map(m -> m[0]).toList();
                if (!mine.isEmpty()) {
                    me.client().execute(DELETE, Map.of("id", mine.get(random.nextInt(mine.size())))).assertNoErrors();
                }
            } else if (!sent.isEmpty()) {
                String at = sent.get(random.nextInt(sent.size()))[0];
                me.client().execute(MARK, Map.of("c", room, "m", at)).assertNoErrors();
            }
        }
    }

    /** {unread, mentions} by hand: top-level messages created after the person's last join, live now, not theirs, after their marker. */
    private static int[] recount(List<ChannelEvent> events, String userId, String marker) {
        long joinedAt = 0;
        for (ChannelEvent event : events) {
            if (event.type() == EventType.MEMBER_JOINED && userId.equals(event.userId())) {
                joinedAt = event.seq();
            }
        }
        Map<String, Message> counted = new HashMap<>();
        for (ChannelEvent event : events) {
            Message message = event.message();
            if (event.type() == EventType.MESSAGE_CREATED && event.seq() > joinedAt && !message.isReply() && !message.deleted()
                    && !message.authorId().equals(userId) && (marker == null || message.id().compareTo(marker) > 0)) {
                counted.put(message.id(), message);
            }
        }
        int mentions = (int) counted.values().stream().filter(m -> m.mentions(userId)).count();
        return new int[] { counted.size(), mentions };
    }
}
