package dev.parley.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.Uploads;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/** Who sees a file: its uploader, and whoever may read the message it is attached to; nobody once that message is deleted. */
@QuarkusTest
class FileAccessTest {

    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id text files { id name url } } }";
    private static final String FILE = "query($id: ID!) { file(id: $id) { id name url } }";
    private static final String FILES = "query($c: ID, $u: ID, $first: Int, $after: String) { files(channelId: $c, userId: $u, first: $first,"
            + " after: $after) { nodes { id uploader { id } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    ObjectStorage storage;

    @Inject
    Dynamo dynamo;

    @Inject
    FileSweeper sweeper;

    @Test
    void anAttachedFileIsVisibleToThoseWhoReadTheChannelAndNotFoundForAnyoneElse() {
        Teams.Team team = Teams.withMembers(2);
        Account ann = team.owner(), bob = team.member(0), cid = team.member(1);
        String secret = Teams.channel(ann, team.workspaceId(), Teams.channelName("secret"), true);
        addMember(ann, secret, bob);
        String fileId = Uploads.textFile(ann);
        assertEquals("NOT_FOUND", file(bob, fileId).errorCode(), "not shared yet: the uploader's only");

        GraphQLClient.Result sent = send(ann, secret, "the notes", List.of(fileId));
        assertEquals(fileId, sent.string("sendMessage.files[0].id"));
        assertEquals(fileId, file(bob, fileId).string("file.id"));
        String messageId = sent.string("sendMessage.id");
        assertEquals(fileId, bob.client().execute("query($id: ID!) { message(id: $id) { files { id } } }", Map.of("id", messageId))
                .string("message.files[0].id"));
        assertEquals(List.of(fileId), listed(bob, secret, null));

        Account stranger = dev.parley.testing.Accounts.register();
        for (Account outsider : List.of(cid, stranger)) {
            assertEquals("NOT_FOUND", file(outsider, fileId).errorCode());
            assertEquals("NOT_FOUND", files(outsider, secret, null).errorCode());
        }
        assertEquals(List.of(), listed(cid, null, ann.userId()), "a colleague outside the channel sees none of ann's uploads");
        assertEquals("NOT_FOUND", files(stranger, null, ann.userId()).errorCode(), "someone sharing no workspace does not exist");
    }

    @Test
    void deletingTheOnlyMessageCarryingAFileHidesItAtOnceAndTheSweepRemovesItAfterTheGracePeriod() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String fileId = Uploads.textFile(ann);
        String messageId = send(ann, general, "see attached", List.of(fileId)).string("sendMessage.id");
        String link = file(bob, fileId).string("file.url");
        assertEquals(200, Uploads.download(link).statusCode());

        GraphQLClient.Result deleted = ann.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { deleted files { id } } }",
                Map.of("id", messageId));
        assertEquals(List.of(), deleted.data("deleteMessage.files"));
        assertEquals("NOT_FOUND", file(bob, fileId).errorCode());
        assertEquals("NOT_FOUND", file(ann, fileId).errorCode(), "hidden for the uploader too");
        assertEquals(404, Uploads.download(link).statusCode(), "the link handed out before stops working");
        assertEquals(List.of(), listed(bob, general, null));

        sweeper.sweepDue(Instant.now().plus(Duration.ofHours(23)));
        assertTrue(storage.size(FileVariant.ORIGINAL.key(fileId)).isPresent(), "kept through the grace period");
        assertTrue(sweeper.sweepDue(Instant.now().plus(Duration.ofHours(25))) >= 1);
        assertTrue(storage.size(FileVariant.ORIGINAL.key(fileId)).isEmpty(), "removed from storage");
        assertTrue(dynamo.get(Table.FILES, Items.key("fileId", fileId)).isEmpty(), "and its record");
    }

    @Test
    void onlyTheSendersOwnCompletedFilesAttachOnceAndAtMostTen() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ann, team.workspaceId(), "random");
        String bobs = Uploads.textFile(bob);
        String pending = Uploads.created(Uploads.create(ann, "later.txt", "text/plain", 10, null)).fileId();
        String attached = Uploads.textFile(ann);
        send(ann, general, "first", List.of(attached)).assertNoErrors();

        for (String refused : List.of(bobs, pending, attached)) {
            GraphQLClient.Result result = send(ann, general, "refused " + refused, List.of(refused));
            assertEquals("BAD_USER_INPUT", result.errorCode());
            assertEquals("fileIds", result.errorExtension("field"));
            assertEquals("FILE_NOT_ATTACHABLE", result.errorExtension("subCode"));
        }
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(dev.parley.platform.security.Ids.newId());
        }
        assertEquals("fileIds", send(ann, general, "too many", eleven).errorExtension("field"));
        assertEquals("fileIds", send(ann, general, "bad id", List.of("not-an-id")).errorExtension("field"));
        List<Object> texts = ann.client().execute("query($c: ID!) { messages(channelId: $c) { nodes { text } } }", Map.of("c", general))
                .json().getList("data.messages.nodes.text");
        assertEquals(List.of("first"), texts, "no refused message was stored");

        // With files, the text may be empty.
        String upload = Uploads.textFile(ann);
        GraphQLClient.Result fileOnly = send(ann, random, "", List.of(upload));
        assertEquals("", fileOnly.string("sendMessage.text"));
    }

    @Test
    void aFileMeantForAChannelAttachesThereOnly() {
        Account ann = dev.parley.testing.Accounts.register();
        String general = WorkspaceOps.channelId(ann, ann.workspaceId(), "general");
        String random = WorkspaceOps.channelId(ann, ann.workspaceId(), "random");
        byte[] text = "for random\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Uploads.Created created = Uploads.created(Uploads.create(ann, "r.txt", "text/plain", text.length, random));
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), text));
        Uploads.complete(ann, created.fileId()).assertNoErrors();
        assertEquals("FILE_NOT_ATTACHABLE", send(ann, general, "wrong place", List.of(created.fileId())).errorExtension("subCode"));
        send(ann, random, "right place", List.of(created.fileId())).assertNoErrors();
        assertEquals("NOT_FOUND", Uploads.create(dev.parley.testing.Accounts.register(), "x.txt", "text/plain", 3, random).errorCode(),
                "uploads for a channel the caller cannot see");
    }

    @Test
    void messageEventsCarryTheirFiles() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        String fileId = Uploads.textFile(ann);
        try (SocketClient socket = SocketClient.connect().signIn(bob.accessToken())) {
            socket.subscribe("e", "subscription($c: ID!) { channelEvents(channelId: $c) { type message { id files { id name url } } } }",
                    Map.of("c", general));
            socket.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
            send(ann, general, "with a file", List.of(fileId)).assertNoErrors();
            JsonPath event = socket.nextOf("next");
            assertEquals("MESSAGE_CREATED", event.getString("payload.data.channelEvents.type"));
            assertEquals(fileId, event.getString("payload.data.channelEvents.message.files[0].id"));
            assertEquals(200, Uploads.download(event.getString("payload.data.channelEvents.message.files[0].url")).statusCode());
        }
    }

    @Test
    void filesPageNewestFirstAndAPersonsUploadsShowWhatTheCallerMaySee() {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = Uploads.textFile(ann);
            send(ann, general, "file " + i, List.of(id)).assertNoErrors();
            shared.add(0, id);
        }
        String unshared = Uploads.textFile(ann);
        GraphQLClient.Result firstPage = files(bob, general, null, 2, null);
        assertEquals(shared.subList(0, 2), listedOf(firstPage));
        assertEquals(true, firstPage.data("files.pageInfo.hasNextPage"));
        assertEquals(shared.subList(2, 3), listedOf(files(bob, general, null, 2, firstPage.string("files.pageInfo.endCursor"))));

        assertEquals(shared, listed(bob, null, ann.userId()), "ann's uploads bob can see: the shared ones");
        List<String> mine = new ArrayList<>(List.of(unshared));
        mine.addAll(shared);
        assertEquals(mine, listed(ann, null, null), "the caller's own uploads, shared or not");
        GraphQLClient.Result page = files(ann, null, null, 2, null);
        assertEquals(mine.subList(2, 4), listedOf(files(ann, null, null, 2, page.string("files.pageInfo.endCursor"))));
        assertEquals(List.of(), listed(bob, general, bob.userId()), "filtered by uploader");
    }

    private static void addMember(Account admin, String channelId, Account person) {
        admin.client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", channelId, "u", List.of(person.userId()))).assertNoErrors();
    }

    static GraphQLClient.Result send(Account who, String channelId, String text, List<String> fileIds) {
        Map<String, Object> input = new HashMap<>(Map.of("channelId", channelId, "text", text, "clientMessageId", UUID.randomUUID().toString(),
                "fileIds", fileIds));
        return who.client().execute(SEND, Map.of("i", input));
    }

    private static GraphQLClient.Result file(Account who, String fileId) {
        return who.client().execute(FILE, Map.of("id", fileId));
    }

    private static GraphQLClient.Result files(Account who, String channelId, String userId) {
        return files(who, channelId, userId, null, null);
    }

    private static GraphQLClient.Result files(Account who, String channelId, String userId, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("c", channelId);
        variables.put("u", userId);
        variables.put("first", first);
        variables.put("after", after);
        return who.client().execute(FILES, variables);
    }

    private static List<String> listed(Account who, String channelId, String userId) {
        return listedOf(files(who, channelId, userId));
    }

    private static List<String> listedOf(GraphQLClient.Result result) {
        return result.json().getList("data.files.nodes.id");
    }
}
