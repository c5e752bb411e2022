package dev.parley.event;

import static dev.parley.event.EventType.CHANNEL_UPDATED;
import static dev.parley.event.EventType.MEMBER_JOINED;
import static dev.parley.event.EventType.MEMBER_LEFT;
import static dev.parley.event.EventType.MESSAGE_CREATED;
import static dev.parley.event.EventType.MESSAGE_DELETED;
import static dev.parley.event.EventType.MESSAGE_EDITED;
import static dev.parley.event.EventType.REACTION_ADDED;
import static dev.parley.event.EventType.REACTION_REMOVED;
import static dev.parley.event.EventType.THREAD_UPDATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.channel.ChannelMembership;
import dev.parley.channel.ChannelStore;
import dev.parley.channel.UnreadCounts;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.DynamoCallCounter;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import dev.parley.user.User;
import dev.parley.workspace.Role;
import dev.parley.workspace.WorkspaceStore;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ChannelEventLogTest {

    private static final String SEND = "mutation($c: ID!, $t: String!, $k: String!) { sendMessage(input: {channelId: $c, text: $t, clientMessageId: $k}) { id } }";
    private static final String EDIT = "mutation($id: ID!, $t: String!) { editMessage(id: $id, text: $t) { id } }";
    private static final String DELETE = "mutation($id: ID!) { deleteMessage(id: $id) { id } }";
    private static final String REACT = "mutation($id: ID!, $e: String!) { addReaction(messageId: $id, emoji: $e) { id } }";
    private static final String UNREACT = "mutation($id: ID!, $e: String!) { removeReaction(messageId: $id, emoji: $e) { id } }";
    private static final String MARK_READ = "mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) { id } }";
    private static final String UPDATE = "mutation($id: ID!, $i: UpdateChannelInput!) { updateChannel(id: $id, input: $i) { id } }";
    private static final String JOIN = "mutation($id: ID!) { joinChannel(id: $id) { id } }";
    private static final String LEAVE = "mutation($id: ID!) { leaveChannel(id: $id) }";
    private static final String ARCHIVE = "mutation($id: ID!) { archiveChannel(id: $id) { id } }";
    private static final String UNARCHIVE = "mutation($id: ID!) { unarchiveChannel(id: $id) { id } }";
    private static final String ADD = "mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }";
    private static final String REMOVE = "mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }";
    private static final String OPEN_DM = "mutation($w: ID!, $u: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $u) { id } }";
    private static final String LEAVE_WORKSPACE = "mutation($id: ID!) { leaveWorkspace(id: $id) }";

    @Inject
    ChannelEventLog log;

    @Inject
    ChannelEventReads reads;

    @Inject
    Dynamo dynamo;

    @Inject
    ChannelStore channelStore;

    @Inject
    UnreadCounts unreadCounts;

    @Inject
    WorkspaceStore workspaces;

    @Inject
    LiveBus bus;

    @Inject
    MessageStore messages;

    @Inject
    ParleyConfig config;

    @Test
    void aMessagesLifeIsLoggedInOrderAndEveryEventReadsTheMessageAsItIsNow() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("life"), false);
        bob.client().execute(JOIN, Map.of("id", channel)).assertNoErrors();
        String root = Messages.post(ada, channel, "hello <@" + bob.userId() + ">");
        bob.client().execute(REACT, Map.of("id", root, "e", ":tada:")).assertNoErrors();
        bob.client().execute(REACT, Map.of("id", root, "e", ":tada:")).assertNoErrors();
        ada.client().execute(EDIT, Map.of("id", root, "t", "hello everyone")).assertNoErrors();
        ada.client().execute(EDIT, Map.of("id", root, "t", "hello everyone")).assertNoErrors();

        Message created = events(channel).get(2).message();
        assertEquals(root, created.id());
        assertEquals("hello everyone", created.text(), "the message as it is now, not as it was sent");
        assertNotNull(created.editedAt());
        assertEquals(List.of(bob.userId()), created.mentionIds(), "mentions are taken when a message is sent");
        assertEquals(Map.of(":tada:", List.of(bob.userId())), created.reactionUsers());

        bob.client().execute(UNREACT, Map.of("id", root, "e", ":tada:")).assertNoErrors();
        bob.client().execute(UNREACT, Map.of("id", root, "e", ":tada:")).assertNoErrors();
        String reply = Messages.reply(bob, channel, "hi", root);
        bob.client().execute(MARK_READ, Map.of("c", channel, "m", root)).assertNoErrors();
        bob.client().execute(MARK_READ, Map.of("c", channel, "m", root)).assertNoErrors();
        ada.client().execute(DELETE, Map.of("id", root)).assertNoErrors();
        ada.client().execute(DELETE, Map.of("id", root)).assertNoErrors();

        List<ChannelEvent> events = events(channel);
        assertEquals(List.of(MEMBER_JOINED, MEMBER_JOINED, MESSAGE_CREATED, REACTION_ADDED, MESSAGE_EDITED, REACTION_REMOVED,
                MESSAGE_CREATED, THREAD_UPDATED, MESSAGE_DELETED), types(events), "read markers are the reader's own: not in the channel's log");
        assertEquals(List.of(ada.userId(), bob.userId()), List.of(events.get(0).userId(), events.get(1).userId()));
        assertEquals(ada.userId(), events.get(2).actorId());

        ChannelEvent reacted = events.get(3);
        assertEquals(":tada:", reacted.emoji());
        assertEquals(bob.userId(), reacted.actorId());
        assertEquals(":tada:", events.get(5).emoji());

        for (int i : new int[] { 2, 3, 4, 5, 7, 8 }) {
            Message now = events.get(i).message();
            assertEquals(root, now.id());
            assertTrue(now.deleted(), "every event about the root reads its tombstone: " + events.get(i).type());
            assertNull(now.text());
            assertEquals(List.of(), now.mentionIds());
            assertEquals(Map.of(), now.reactionUsers());
            assertEquals(1, now.replyCount(), "the tombstone keeps the thread summary");
        }
        assertEquals(reply, events.get(6).message().id());
        assertEquals(root, events.get(6).message().threadId());
        assertEquals("hi", events.get(6).message().text());
        Message thread = events.get(7).message();
        assertEquals(List.of(bob.userId()), thread.replyUserIds());
        assertNotNull(thread.lastReplyAt());

        assertEquals(9L, log.heads(List.of(channel, "no-such-channel")).get(channel).seq());
        assertEquals(LogPosition.START, log.heads(List.of("no-such-channel")).get("no-such-channel"));
        assertEquals(events.get(8).at(), log.heads(List.of(channel)).get(channel).at(), "the head knows its last event's time");
    }

    @Test
    void channelChangesAndMembershipAreLogged() {
        Teams.Team team = Teams.withMembers(2);
        Accounts.Account ada = team.owner();
        Accounts.Account bob = team.member(0);
        Accounts.Account cy = team.member(1);
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("changes"), true);
        ada.client().execute(ADD, Map.of("c", channel, "u", List.of(bob.userId(), cy.userId()))).assertNoErrors();
        ada.client().execute(ADD, Map.of("c", channel, "u", List.of(bob.userId()))).assertNoErrors();
        ada.client().execute(UPDATE, Map.of("id", channel, "i", Map.of("topic", "plans"))).assertNoErrors();
        ada.client().execute(UPDATE, Map.of("id", channel, "i", Map.of("topic", "plans"))).assertNoErrors();
        ada.client().execute(REMOVE, Map.of("c", channel, "u", cy.userId())).assertNoErrors();
        ada.client().execute(REMOVE, Map.of("c", channel, "u", cy.userId())).assertNoErrors();
        bob.client().execute(LEAVE, Map.of("id", channel)).assertNoErrors();
        ada.client().execute(ARCHIVE, Map.of("id", channel)).assertNoErrors();
        ada.client().execute(ARCHIVE, Map.of("id", channel)).assertNoErrors();
        ada.client().execute(UNARCHIVE, Map.of("id", channel)).assertNoErrors();

        List<ChannelEvent> events = events(channel);
        assertEquals(List.of(MEMBER_JOINED, MEMBER_JOINED, MEMBER_JOINED, CHANNEL_UPDATED, MEMBER_LEFT, MEMBER_LEFT,
                CHANNEL_UPDATED, CHANNEL_UPDATED), types(events));
        assertEquals(List.of(ada.userId(), bob.userId(), cy.userId()), events.subList(0, 3).stream().map(ChannelEvent::userId).toList());
        assertEquals(ada.userId(), events.get(1).actorId(), "the person who added them");
        assertEquals("plans", events.get(3).channel().topic());
        assertEquals(channel, events.get(3).channel().id());
        assertEquals(List.of(cy.userId(), ada.userId()), List.of(events.get(4).userId(), events.get(4).actorId()));
        assertEquals(List.of(bob.userId(), bob.userId()), List.of(events.get(5).userId(), events.get(5).actorId()));
        assertTrue(events.get(6).channel().archived());
        assertTrue(!events.get(7).channel().archived());
    }

    @Test
    void registeringInvitesWorkspacesAndDirectMessagesLogJoinsAndLeavingLogsLeaves() {
        Accounts.Account ada = Accounts.register();
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ada, ada.workspaceId(), "random");
        assertEquals(List.of(MEMBER_JOINED), types(events(general)));
        assertEquals(List.of(MEMBER_JOINED), types(events(random)));
        assertEquals(ada.userId(), events(random).get(0).userId());

        Accounts.Account bob = Accounts.register();
        String code = WorkspaceOps.invite(ada, ada.workspaceId());
        WorkspaceOps.accept(bob, code).assertNoErrors();
        WorkspaceOps.accept(bob, code).assertNoErrors();
        bob.client().execute(JOIN, Map.of("id", random)).assertNoErrors();
        String dm = bob.client().execute(OPEN_DM, Map.of("w", ada.workspaceId(), "u", List.of(ada.userId()))).string("openDirectMessage.id");
        bob.client().execute(OPEN_DM, Map.of("w", ada.workspaceId(), "u", List.of(ada.userId()))).assertNoErrors();
        bob.client().execute(LEAVE_WORKSPACE, Map.of("id", ada.workspaceId())).assertNoErrors();

        assertEquals(List.of(MEMBER_JOINED, MEMBER_JOINED, MEMBER_LEFT), types(events(general)));
        assertEquals(bob.userId(), events(general).get(1).userId());
        assertEquals(List.of(MEMBER_JOINED, MEMBER_JOINED, MEMBER_LEFT), types(events(random)));
        List<ChannelEvent> dmEvents = events(dm);
        assertEquals(List.of(MEMBER_JOINED, MEMBER_JOINED, MEMBER_LEFT), types(dmEvents), "leaving the workspace is recorded in its DMs too");
        assertEquals(Set.of(ada.userId(), bob.userId()), Set.of(dmEvents.get(0).userId(), dmEvents.get(1).userId()));
        assertEquals(bob.userId(), dmEvents.get(2).userId());

        String second = WorkspaceOps.createWorkspace(ada, WorkspaceOps.uniqueName("Second"));
        assertEquals(List.of(MEMBER_JOINED), types(events(WorkspaceOps.channelId(ada, second, "general"))));
    }

    @Test
    void twentyConcurrentSendsGetConsecutiveSequencesEachMessageOnce() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        String channel = Teams.channel(team.owner(), team.workspaceId(), Teams.channelName("busy"), false);
        team.member(0).client().execute(JOIN, Map.of("id", channel)).assertNoErrors();
        List<Accounts.Account> senders = List.of(team.owner(), team.member(0));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        Set<String> sent = new HashSet<>();
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Accounts.Account who = senders.get(i % 2);
                int n = i;
                sends.add(() -> Messages.post(who, channel, "message " + n));
            }
            for (Future<String> id : pool.invokeAll(sends)) {
                sent.add(id.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChannelEvent> events = events(channel);
        List<ChannelEvent> created = events.stream().filter(e -> e.type() == MESSAGE_CREATED).toList();
        assertEquals(22, events.size());
        assertEquals(20, created.size());
        assertEquals(sent, Set.copyOf(created.stream().map(e -> e.message().id()).toList()));
        assertEquals(22L, log.heads(List.of(channel)).get(channel).seq());
    }

    @Test
    void twoPodsAppendingToOneChannelShareOneSequenceAndAFailedConditionOfTheCallerWritesNothing() {
        ChannelEventLog otherPod = new ChannelEventLog(dynamo, bus, config);
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("pods"), false);
        Messages.post(ada, channel, "through this pod");
        PendingEvent left = PendingEvent.ofMember(MEMBER_LEFT, channel, ada.userId(), "someone");
        assertEquals(OptionalInt.empty(), otherPod.transact(List.of(), List.of(left)));
        Messages.post(ada, channel, "this pod's guess is stale now");
        assertEquals(OptionalInt.empty(), otherPod.transact(List.of(), List.of(left, left)));
        assertEquals(List.of(MEMBER_JOINED, MESSAGE_CREATED, MEMBER_LEFT, MESSAGE_CREATED, MEMBER_LEFT, MEMBER_LEFT), types(events(channel)));

        var existingMembership = dynamo.putNew(Table.CHANNEL_MEMBERSHIPS,
                Dynamo.item("channelId", Items.s(channel), "userId", Items.s(ada.userId())));
        assertEquals(OptionalInt.of(0), otherPod.transact(List.of(existingMembership), List.of(left)));
        assertEquals(6L, log.heads(List.of(channel)).get(channel).seq());
    }

    @Test
    void eventTimesIncreaseWithTheSequenceEvenFromAPodWhoseClockIsBehind() {
        ChannelEventLog slowPod = new ChannelEventLog(dynamo, bus, config, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("clocks"), false);
        Messages.post(ada, channel, "on time");
        PendingEvent left = PendingEvent.ofMember(MEMBER_LEFT, channel, ada.userId(), "someone");
        assertEquals(OptionalInt.empty(), slowPod.transact(List.of(), List.of(left, left, left)));
        Messages.post(ada, channel, "on time again");

        List<ChannelEvent> events = events(channel);
        assertEquals(6, events.size());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).at().isAfter(events.get(i - 1).at()), "event " + (i + 1) + " after event " + i);
        }
        assertEquals(Duration.ofMillis(1), Duration.between(events.get(2).at(), events.get(3).at()), "one transaction's events, a ms apart");
        assertEquals(events.get(5).position(), log.heads(List.of(channel)).get(channel));
        assertEquals(events.get(3).position(), reads.positionAt(channel, events.get(3).at()));
    }

    @Test
    void aPageOfEventsReadsItsMessagesInOneBatch() {
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("page"), false);
        for (int i = 0; i < 40; i++) {
            String id = Messages.post(ada, channel, "message " + i);
            ada.client().execute(REACT, Map.of("id", id, "e", ":tada:")).assertNoErrors();
        }
        Map<String, Long> before = calls();
        List<ChannelEvent> page = reads.read(channel, 0, 100);
        Map<String, Long> after = calls();
        assertEquals(81, page.size());
        assertTrue(page.stream().skip(1).allMatch(e -> e.message() != null && e.message().text().startsWith("message ")));
        assertEquals(1, after.getOrDefault("Query", 0L) - before.getOrDefault("Query", 0L), "one query for the page: " + after);
        assertEquals(1, after.getOrDefault("BatchGetItem", 0L) - before.getOrDefault("BatchGetItem", 0L), "one batch for its messages");
    }

    /** This thread's calls only: the log's consumers (search indexing) read the same log in the background. */
    private static Map<String, Long> calls() {
        return DynamoCallCounter.onThisThread();
    }

    @Test
    void refusedSendsWriteNoEventAndARetriedSendWritesOne() {
        Teams.Team team = Teams.withMembers(1);
        Accounts.Account ada = team.owner();
        String channel = Teams.channel(ada, team.workspaceId(), Teams.channelName("quiet"), false);
        assertEquals("BAD_USER_INPUT", send(ada, channel, " ", "k1").errorCode());
        assertEquals("BAD_USER_INPUT", send(ada, channel, "x".repeat(40_001), "k1").errorCode());
        assertEquals("FORBIDDEN", send(team.member(0), channel, "not joined", "k1").errorCode());
        assertEquals("NOT_FOUND", send(Accounts.register(), channel, "stranger", "k1").errorCode());
        assertEquals(List.of(MEMBER_JOINED), types(events(channel)));

        String key = UUID.randomUUID().toString();
        String first = send(ada, channel, "once", key).string("sendMessage.id");
        assertEquals(first, send(ada, channel, "once", key).string("sendMessage.id"));
        assertEquals(List.of(MEMBER_JOINED, MESSAGE_CREATED), types(events(channel)));

        String messageId = Messages.post(ada, channel, "to react to");
        assertEquals("BAD_USER_INPUT", ada.client().execute(REACT, Map.of("id", messageId, "e", "not an emoji")).errorCode());
        assertEquals("FORBIDDEN", team.member(0).client().execute(EDIT, Map.of("id", messageId, "t", "mine now")).errorCode());
        assertEquals(List.of(MEMBER_JOINED, MESSAGE_CREATED, MESSAGE_CREATED), types(events(channel)));
    }

    @Test
    void readPagesAfterASequenceAndPositionAtFindsTheLastEventAtATime() throws Exception {
        Accounts.Account ada = Accounts.register();
        Instant before = Instant.now();
        Thread.sleep(5);
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("position"), false);
        Messages.post(ada, channel, "one");
        Thread.sleep(5);
        Instant afterTwo = Instant.now();
        Thread.sleep(5);
        Messages.post(ada, channel, "two");
        Messages.post(ada, channel, "three");

        assertEquals(List.of(2L, 3L), reads.read(channel, 1, 2).stream().map(ChannelEvent::seq).toList());
        assertEquals(List.of(4L), reads.read(channel, 3, 10).stream().map(ChannelEvent::seq).toList());
        assertEquals(List.of(), reads.read(channel, 4, 10));
        assertEquals(4, reads.read(channel, -5, 10).size(), "never the head");

        assertEquals(0, reads.positionAt(channel, before).seq());
        assertEquals(2, reads.positionAt(channel, afterTwo).seq());
        assertEquals(4, reads.positionAt(channel, Instant.now()).seq());
        assertEquals(0, reads.positionAt("no-such-channel", Instant.now()).seq());
        ChannelEvent second = reads.read(channel, 1, 1).get(0);
        assertEquals(2, reads.positionAt(channel, second.at()).seq(), "an event at exactly that time counts");
        assertTrue(reads.read(channel, 0, 10).stream().allMatch(e -> e.at() != null && e.actorId().equals(ada.userId())));
    }

    @Test
    void aChannelTooLargeForOneTransactionCountsEveryoneFromOneSend() {
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("crowd"), false);
        List<String> crowd = IntStream.range(0, 120).mapToObj(i -> Ids.newId(Instant.now())).toList();
        crowd.forEach(userId -> addMembership(channel, ada.workspaceId(), userId));

        String messageId = Messages.post(ada, channel, "hello crowd");
        assertEquals(crowd.size(), crowd.stream().mapToLong(userId -> unread(channel, userId)).sum());
        ada.client().execute(DELETE, Map.of("id", messageId)).assertNoErrors();
        assertEquals(0, crowd.stream().mapToLong(userId -> unread(channel, userId)).sum());
        assertEquals(List.of(MEMBER_JOINED, MESSAGE_CREATED, MESSAGE_DELETED), types(events(channel)));
    }

    @Test
    void addingFiftyPeopleAtOnceLogsFiftyJoins() {
        Accounts.Account ada = Accounts.register();
        String channel = Teams.channel(ada, ada.workspaceId(), Teams.channelName("many"), true);
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> Ids.newId(Instant.now())).toList();
        dynamo.transact(ids.stream().map(id -> workspaces.membership(ada.workspaceId(),
                new User(id, id + "@example.com", "Person " + id, null, null, null, null, null, Instant.now(), null), Role.MEMBER, Instant.now()))
                .toList(), failedItem -> new IllegalStateException("membership " + failedItem));
        ada.client().execute(ADD, Map.of("c", channel, "u", ids)).assertNoErrors();
        List<ChannelEvent> events = events(channel);
        assertEquals(51, events.size());
        assertTrue(events.stream().allMatch(e -> e.type() == MEMBER_JOINED));
        assertEquals(ids, events.subList(1, 51).stream().map(ChannelEvent::userId).toList());
        assertEquals(51, WorkspaceOps.memberCount(ada, channel));
    }

    /** The whole log of a channel, checked to be numbered 1..n without gaps. */
    private List<ChannelEvent> events(String channelId) {
        List<ChannelEvent> events = reads.read(channelId, 0, 1000);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).seq(), "sequences are consecutive from 1: " + types(events));
            assertEquals(channelId, events.get(i).channelId());
        }
        return events;
    }

    private static List<EventType> types(List<ChannelEvent> events) {
        return events.stream().map(ChannelEvent::type).toList();
    }

    private static GraphQLClient.Result send(Accounts.Account who, String channelId, String text, String clientMessageId) {
        return who.client().execute(SEND, Map.of("c", channelId, "t", text, "k", clientMessageId));
    }

    /** A member the API could not add this fast (no account): a membership item as ChannelStore writes one. */
    private void addMembership(String channelId, String workspaceId, String userId) {
        dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.CHANNEL_MEMBERSHIPS)).item(Dynamo.item(
                "channelId", Items.s(channelId), "userId", Items.s(userId), "workspaceId", Items.s(workspaceId),
                "workspaceChannel", Items.s(workspaceId + "#" + channelId), "kind", Items.s("PUBLIC"),
                "joinedAt", Items.time(Instant.now().minusSeconds(1)), "readOrdinal", Items.n(0))));
    }

    private long unread(String channelId, String userId) {
        ChannelMembership member = channelStore.membership(channelId, userId).orElseThrow();
        return unreadCounts.countsOf(List.of(member)).get(channelId).unread();
    }
}
