package dev.parley.presence;

import static dev.parley.presence.PresenceStatus.AWAY;
import static dev.parley.presence.PresenceStatus.DND;
import static dev.parley.presence.PresenceStatus.OFFLINE;
import static dev.parley.presence.PresenceStatus.ONLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.localstack.LocalStack;
import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Teams;
import dev.parley.testing.TopicRecorder;
import dev.parley.user.User;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Presence with the test profile's short times: AWAY after 3 s of silence, OFFLINE after 6 s, swept every second. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceTest {

    private static final String SET = "mutation($s: PresenceStatus!) { setPresence(status: $s) { status lastActiveAt user { id } } }";
    private static final String PRESENCE = "query($u: [String!]!) { presence(userIds: $u) { status lastActiveAt user { id } } }";
    private static final String USER_PRESENCE = "query($id: ID!) { user(id: $id) { presence { status lastActiveAt } } }";
    private static final String ONLINE_USERS = "query($w: ID!) { onlineUsers(workspaceId: $w) { id } }";
    private static final Duration SILENCE_TO_OFFLINE = Duration.ofSeconds(12);

    @Inject
    PresenceService presence;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Dynamo dynamo;

    @ConfigProperty(name = "local-stack.redis-port")
    int redisPort;

    @Test
    void aChosenStatusIsWhatColleaguesSee() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner();
        Account bob = team.member(0);

        GraphQLClient.Result set = set(bob, DND);
        assertEquals("DND", set.data("setPresence.status"));
        assertEquals(bob.userId(), set.data("setPresence.user.id"));
        String setAt = set.string("setPresence.lastActiveAt");
        assertTrue(Duration.between(Instant.parse(setAt), Instant.now()).abs().toSeconds() < 5);

        GraphQLClient.Result seen = ada.client().execute(PRESENCE, Map.of("u", List.of(bob.userId())));
        assertEquals(List.of("DND"), seen.json().getList("data.presence.status"));
        assertEquals(List.of(bob.userId()), seen.json().getList("data.presence.user.id"));
        assertEquals(List.of(setAt), seen.json().getList("data.presence.lastActiveAt"));
        assertEquals("DND", ada.client().execute(USER_PRESENCE, Map.of("id", bob.userId())).data("user.presence.status"));

        assertEquals("AWAY", set(bob, AWAY).data("setPresence.status"));
        presence.heartbeat(bob.userId());
        TopicRecorder.sleep(Duration.ofMillis(300));
        assertEquals(AWAY, statusOf(ada, bob), "a chosen AWAY stays while the person is active");
        assertEquals("ONLINE", set(bob, ONLINE).data("setPresence.status"));
        assertEquals(ONLINE, statusOf(ada, bob));
    }

    @Test
    void appearingOfflineShowsOfflineAndHidesActivity() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner();
        Account bob = team.member(0);

        String hiddenSince = set(bob, OFFLINE).string("setPresence.lastActiveAt");
        TopicRecorder.sleep(Duration.ofMillis(50));
        presence.heartbeat(bob.userId());
        TopicRecorder.sleep(Duration.ofMillis(300));
        GraphQLClient.Result seen = ada.client().execute(PRESENCE, Map.of("u", List.of(bob.userId())));
        assertEquals(List.of("OFFLINE"), seen.json().getList("data.presence.status"));
        assertEquals(List.of(hiddenSince), seen.json().getList("data.presence.lastActiveAt"), "activity while invisible is not shown");
        assertEquals("ONLINE", set(bob, ONLINE).data("setPresence.status"));
    }

    @Test
    void onlyPeopleWhoShareAWorkspaceAreAnswered() {
        Account me = Accounts.register();
        Account stranger = Accounts.register();
        set(stranger, DND);

        GraphQLClient.Result answer = me.client().execute(PRESENCE, Map.of("u", List.of(stranger.userId(), me.userId(), stranger.userId())));
        assertEquals(List.of(me.userId()), answer.json().getList("data.presence.user.id"), "the stranger is left out");
        assertEquals(List.of("OFFLINE"), answer.json().getList("data.presence.status"), "never connected");
        assertEquals("NOT_FOUND", me.client().execute(USER_PRESENCE, Map.of("id", stranger.userId())).errorCode());

        GraphQLClient.Result bad = me.client().execute(PRESENCE, Map.of("u", List.of("nope")));
        assertEquals("BAD_USER_INPUT", bad.errorCode());
        assertEquals("userIds", bad.errorExtension("field"));
        List<String> tooMany = Collections.nCopies(PresenceService.MAX_USER_IDS + 1, me.userId());
        assertEquals("BAD_USER_INPUT", me.client().execute(PRESENCE, Map.of("u", tooMany)).errorCode());
    }

    @Test
    void heartbeatsKeepAPersonOnlineThenSilenceTurnsThemAwayThenOfflineEachPublishedOnce() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner();
        Account bob = team.member(0);
        AtomicBoolean done = new AtomicBoolean();
        // A second pod sweeping all the time: no change may be published twice.
        Thread otherPod = new Thread(() -> {
            while (!done.get()) {
                presence.sweepSilent();
                TopicRecorder.sleep(Duration.ofMillis(50));
            }
        });
        List<Presence> changes;
        try (TopicRecorder topic = TopicRecorder.listen(redis, LiveBus.presenceTopic(bob.userId()))) {
            otherPod.start();
            presence.connected(bob.userId());
            topic.awaitAtLeast(1, Duration.ofSeconds(5));
            assertEquals(ONLINE, statusOf(ada, bob));
            for (int i = 0; i < 5; i++) { // 5 s of heartbeats: longer than away-after
                TopicRecorder.sleep(Duration.ofSeconds(1));
                presence.heartbeat(bob.userId());
            }
            assertEquals(1, topic.received().size(), "still ONLINE: " + topic.received());
            topic.awaitAtLeast(3, SILENCE_TO_OFFLINE);
            changes = topic.settle(Duration.ofSeconds(2)).stream().map(payload -> Presence.decode(bob.userId(), payload)).toList();
        } finally {
            done.set(true);
        }
        assertEquals(List.of(ONLINE, AWAY, OFFLINE), changes.stream().map(Presence::status).toList(), "each change once: " + changes);
        assertTrue(changes.get(0).revision() < changes.get(1).revision() && changes.get(1).revision() < changes.get(2).revision());
        Instant lastActive = changes.get(2).lastActiveAt();
        assertNotNull(lastActive);
        assertTrue(lastActive.isAfter(changes.get(0).lastActiveAt()), "the last heartbeat counts");
        assertEquals(lastActive, changes.get(1).lastActiveAt());

        GraphQLClient.Result seen = ada.client().execute(PRESENCE, Map.of("u", List.of(bob.userId())));
        assertEquals(List.of("OFFLINE"), seen.json().getList("data.presence.status"));
        assertEquals(lastActive, Instant.parse(seen.json().getString("data.presence[0].lastActiveAt")));
        var row = dynamo.get(Table.PRESENCE, Items.key("userId", bob.userId())).orElseThrow();
        assertEquals("OFFLINE", Items.str(row, "status"));
        assertEquals(lastActive, Items.time(row, "lastActiveAt"));
        assertTrue(Items.num(row, "expiresAt") > Instant.now().plus(Duration.ofDays(1)).getEpochSecond(), "kept for people who ask later");
    }

    @Test
    void aSignOfLifeAfterSilenceBringsThePersonBack() {
        Account bob = Accounts.register();
        try (TopicRecorder topic = TopicRecorder.listen(redis, LiveBus.presenceTopic(bob.userId()))) {
            presence.connected(bob.userId());
            topic.awaitAtLeast(2, Duration.ofSeconds(8));
            presence.heartbeat(bob.userId());
            List<Presence> changes = topic.awaitAtLeast(3, Duration.ofSeconds(2)).stream()
                    .map(payload -> Presence.decode(bob.userId(), payload)).toList();
            assertEquals(List.of(ONLINE, AWAY, ONLINE), changes.subList(0, 3).stream().map(Presence::status).toList());
            assertTrue(changes.get(2).lastActiveAt().isAfter(changes.get(0).lastActiveAt()));
        }
    }

    @Test
    void aChosenDndOutlastsIdlenessButNotSilenceAndReturnsOnReconnect() {
        Account bob = Accounts.register();
        try (TopicRecorder topic = TopicRecorder.listen(redis, LiveBus.presenceTopic(bob.userId()))) {
            set(bob, DND);
            topic.awaitAtLeast(2, SILENCE_TO_OFFLINE);
            presence.connected(bob.userId());
            List<String> changes = topic.awaitAtLeast(3, Duration.ofSeconds(2));
            assertEquals(List.of(DND, OFFLINE, DND), changes.stream().map(p -> Presence.decode(bob.userId(), p).status()).toList());
        }
        assertEquals("ONLINE", set(bob, ONLINE).data("setPresence.status"));
    }

    @Test
    void onlineUsersListsTheWorkspacesOnlineMembersOnly() {
        Teams.Team team = Teams.withMembers(4);
        Account active = team.member(0);
        Account busy = team.member(1);
        Account away = team.member(2);
        Account invisible = team.member(3);
        Account outsider = Accounts.register();
        set(busy, DND);
        set(away, AWAY);
        set(invisible, OFFLINE);
        presence.connected(active.userId());
        presence.connected(outsider.userId());
        awaitStatus(team.owner(), active, ONLINE);

        List<String> online = team.owner().client().execute(ONLINE_USERS, Map.of("w", team.workspaceId())).json()
                .getList("data.onlineUsers.id");
        assertEquals(Set.of(active.userId(), busy.userId()), Set.copyOf(online));
        assertEquals(2, online.size());
        assertEquals("NOT_FOUND", outsider.client().execute(ONLINE_USERS, Map.of("w", team.workspaceId())).errorCode());
    }

    /** At the service level: without Redis, the API's token check (a Redis denylist) refuses every request. */
    @Test
    void withoutRedisPresenceAnswersFromThePresenceTableAndOnlyAChoiceFails() throws IOException {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner();
        Account bob = team.member(0);
        set(bob, DND);
        shutDownRedis();
        try {
            presence.heartbeat(bob.userId()); // never throws
            assertEquals(List.of(DND), presence.visible(ada.userId(), List.of(bob.userId())).stream().map(Presence::status).toList(),
                    "the last status stored");
            assertEquals(List.of(bob.userId()), presence.onlineUsers(ada.userId(), team.workspaceId()).stream().map(User::id).toList());
            ParleyException choosing = assertThrows(ParleyException.class, () -> presence.set(bob.userId(), AWAY));
            assertEquals(ErrorCode.INTERNAL, choosing.code());
        } finally {
            LocalStack.ephemeral(LocalStack.findProjectDir()).redisServer(redisPort).start(Duration.ofSeconds(30));
        }
        // Redis restarted empty: the scripts are loaded again, and the person's choice comes back from the table.
        for (int attempt = 0; attempt < 50 && presence.of(List.of(bob.userId())).get(bob.userId()).status() != DND; attempt++) {
            presence.connected(bob.userId());
            TopicRecorder.sleep(Duration.ofMillis(100));
        }
        assertEquals(DND, statusOf(ada, bob));
    }

    /** Leaves no presence changes running into other test classes (whose DynamoDB call counts they would disturb). */
    @AfterAll
    void everyoneTouchedHereHasGoneOffline() {
        long deadline = System.nanoTime() + SILENCE_TO_OFFLINE.toNanos();
        while (redis.sortedSet(String.class).zcard(Liveness.DUE).await().atMost(Duration.ofSeconds(5)) > 0
                && System.nanoTime() < deadline) {
            TopicRecorder.sleep(Duration.ofMillis(200));
        }
    }

    private static GraphQLClient.Result set(Account who, PresenceStatus status) {
        return who.client().execute(SET, Map.of("s", status.name())).assertNoErrors();
    }

    private static PresenceStatus statusOf(Account asker, Account person) {
        return PresenceStatus.valueOf(asker.client().execute(USER_PRESENCE, Map.of("id", person.userId())).string("user.presence.status"));
    }

    /** Heartbeats are handled asynchronously: wait briefly for their effect. */
    private static void awaitStatus(Account asker, Account person, PresenceStatus expected) {
        List<PresenceStatus> seen = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PresenceStatus status = statusOf(asker, person);
            if (status == expected) {
                return;
            }
            seen.add(status);
            TopicRecorder.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("expected " + expected + ", saw " + seen);
    }

    private void shutDownRedis() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redisPort); OutputStream out = socket.getOutputStream()) {
            out.write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // returns when Redis closes the connection
        }
    }
}
