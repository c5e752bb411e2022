package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.channel.ChannelDirectory;
import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.EventType;
import dev.parley.platform.dynamodb.DynamoCallCounter;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import dev.parley.testing.JsonPath;

/**
 * Many people posting into one channel at once: no CONFLICT, a gapless log; sends that wait behind a
 * commit go in one group (one transaction), and retries of one send racing inside that group store one
 * message, which every retry gets back.
 */
@QuarkusTest
class GroupCommitTest {

    private static final String SEND = "mutation($c: ID!, $t: String!, $k: String!) { sendMessage(input: {channelId: $c, text: $t, clientMessageId: $k}) { id } }";
    private static final String JOIN = "mutation($id: ID!) { joinChannel(id: $id) { id } }";

    @Inject
    ChannelEventLog log;

    @Inject
    ChannelEventReads reads;

    @Inject
    MessageSending sending;

    @Inject
    ChannelDirectory directory;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void concurrentPostersAndRacingRetriesCommitInGroups() throws Exception {
        Teams.Team team = Teams.withMembers(11);
        List<Account> people = new ArrayList<>(List.of(team.owner()));
        for (int i = 0; i < 11; i++) {
            people.add(team.member(i));
        }
        String room = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("busy"), false);
        people.subList(1, people.size()).forEach(p -> p.client().execute(JOIN, Map.of("id", room)).assertNoErrors());
        Account retrier = people.get(0);
        String retried = UUID.randomUUID().toString();
        int rounds = 3, retries = 4;

        long transactionsBefore = transactions();
        ExecutorService pool = Executors.newFixedThreadPool(people.size() + retries);
        List<String> retriedIds = new ArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        try {
            // Round one: the first send's commit is held, so everyone else (and four tries of one send) queue behind it.
            sending.holdCommits(hold);
            ChannelDirectory.Identity channel = directory.identity(room).orElseThrow();
            int heldBefore = sending.heldCommits();
            Future<String> first = pool.submit(direct(people.get(1), channel, UUID.randomUUID().toString()));
            long holding = System.nanoTime() + 30_000_000_000L;
            while (sending.heldCommits() == heldBefore && System.nanoTime() < holding) {
                Thread.sleep(5); // the first send's group is formed (alone) and held before the others arrive
            }
            List<Future<String>> sends = new ArrayList<>();
            for (Account person : people.subList(2, people.size())) {
                sends.add(pool.submit(direct(person, channel, UUID.randomUUID().toString())));
            }
            List<Future<String>> again = new ArrayList<>();
            for (int i = 0; i < retries; i++) {
                again.add(pool.submit(direct(retrier, channel, retried)));
            }
            long until = System.nanoTime() + 60_000_000_000L;
            while (sending.waiting(room) < sends.size() + retries && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(sends.size() + retries, sending.waiting(room), "all but the first wait behind its commit");
            sending.holdCommits(null);
            hold.countDown();
            first.get();
            for (Future<String> send : sends) {
                send.get();
            }
            for (Future<String> send : again) {
                retriedIds.add(send.get());
            }
            assertEquals(2, transactions() - transactionsBefore, "the held commit, then one for everyone who waited");
            // Further rounds: as they come, no CONFLICT.
            for (int round = 1; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> more = new ArrayList<>();
                for (Account person : people.subList(1, people.size())) {
                    more.add(pool.submit(send(start, person, room, UUID.randomUUID().toString())));
                }
                start.countDown();
                for (Future<String> send : more) {
                    send.get();
                }
            }
        } finally {
            sending.holdCommits(null);
            hold.countDown();
            pool.shutdownNow();
        }

        assertEquals(1, new HashSet<>(retriedIds).size(), "every retry got the first message: " + retriedIds);
        List<ChannelEvent> events = reads.read(room, 0, 1000);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).seq(), "gapless");
        }
        List<String> created = events.stream().filter(e -> e.type() == EventType.MESSAGE_CREATED).map(e -> e.message().id()).toList();
        int messages = rounds * (people.size() - 1) + 1;
        assertEquals(messages, created.size(), "one message for the retried send, one for each other");
        assertEquals(messages, Set.copyOf(created).size());
        assertEquals(1, created.stream().filter(retriedIds.get(0)::equals).count());
    }

    /** Straight to the send path (not over HTTP, whose handling on this small machine spaces requests out), in a request context of its own. */
    private Callable<String> direct(Account who, ChannelDirectory.Identity channel, String clientMessageId) {
        return () -> {
            ManagedContext context = Arc.container().requestContext();
            context.activate();
            try {
                return sending.send(new MessageSending.Draft(who.userId(), channel, null, "at once", clientMessageId, List.of())).id();
            } finally {
                context.terminate();
            }
        };
    }

    /** Over java.net.http, so that the sends really are in flight at once (the tests' usual client keeps few connections). */
    private Callable<String> send(CountDownLatch start, Account who, String room, String clientMessageId) {
        return () -> {
            String body = new ObjectMapper().writeValueAsString(Map.of("query", SEND,
                    "variables", Map.of("c", room, "t", "at once", "k", clientMessageId)));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + who.accessToken())
                    .header("X-Forwarded-For", GraphQLClient.randomAddress())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            start.await();
            String response = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            JsonPath json = JsonPath.from(response);
            assertTrue(json.get("errors") == null, response);
            return json.getString("data.sendMessage.id");
        };
    }

    private static long transactions() {
        var count = DynamoCallCounter.byOperation().get("TransactWriteItems");
        return count == null ? 0 : count.sum();
    }
}
