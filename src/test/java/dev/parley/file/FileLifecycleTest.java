package dev.parley.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.Uploads;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/** The sweep of abandoned uploads, the per-person limits, and images used as avatars and workspace icons. */
@QuarkusTest
class FileLifecycleTest {

    @Inject
    FileSweeper sweeper;

    @Inject
    ObjectStorage storage;

    @Inject
    Dynamo dynamo;

    @Test
    void anAbandonedUploadIsSweptObjectAndRecordWhileCompletedFilesStay() {
        Accounts.Account ada = Accounts.register();
        byte[] bytes = "never completed\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Created abandoned = Uploads.created(Uploads.create(ada, "draft.txt", "text/plain", bytes.length, null));
        assertEquals(200, Uploads.put(abandoned.uploadUrl(), abandoned.headers(), bytes));
        String kept = Uploads.textFile(ada);

        sweeper.sweepDue(Instant.now().plus(Duration.ofMinutes(30)));
        assertTrue(storage.size(FileVariant.ORIGINAL.key(abandoned.fileId())).isPresent(), "not abandoned yet: an hour by default");

        // Two pods sweeping at once remove it once, without failing.
        Instant later = Instant.now().plus(Duration.ofMinutes(61));
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> sweeper.sweepDue(later));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> sweeper.sweepDue(later));
        assertTrue(one.join() + two.join() >= 1);
        assertTrue(storage.size(FileVariant.ORIGINAL.key(abandoned.fileId())).isEmpty(), "the object is gone");
        assertTrue(dynamo.get(Table.FILES, Items.key("fileId", abandoned.fileId())).isEmpty(), "the record is gone");
        assertEquals("NOT_FOUND", Uploads.complete(ada, abandoned.fileId()).errorCode());

        assertTrue(storage.size(FileVariant.ORIGINAL.key(kept)).isPresent(), "a completed file is never swept");
        assertEquals(kept, ada.client().execute("query($id: ID!) { file(id: $id) { id } }", Map.of("id", kept)).string("file.id"));
    }

    @Test
    void uploadsPerWindowAreLimited() {
        Accounts.Account ada = Accounts.register();
        for (int i = 0; i < 20; i++) {
            Uploads.create(ada, "f" + i + ".txt", "text/plain", 10, null).assertNoErrors();
        }
        GraphQLClient.Result limited = Uploads.create(ada, "one-too-many.txt", "text/plain", 10, null);
        assertEquals("RATE_LIMITED", limited.errorCode());
        assertTrue(((Number) limited.errorExtension("retryAfterSeconds")).longValue() > 0);
    }

    @Test
    void bytesPerDayAreLimitedAndARefusedUploadCostsNothing() {
        Accounts.Account ada = Accounts.register();
        long mb = 1024 * 1024;
        Uploads.create(ada, "a.bin", "application/octet-stream", 100 * mb, null).assertNoErrors();
        Uploads.create(ada, "b.bin", "application/octet-stream", 100 * mb, null).assertNoErrors();
        GraphQLClient.Result limited = Uploads.create(ada, "c.bin", "application/octet-stream", 60 * mb, null);
        assertEquals("RATE_LIMITED", limited.errorCode(), "250 MB a day in tests");
        assertTrue(((Number) limited.errorExtension("retryAfterSeconds")).longValue() > 3600);
        Uploads.create(ada, "d.bin", "application/octet-stream", 40 * mb, null).assertNoErrors();
    }

    @Test
    void anUploadedImageBecomesTheAvatarAndTheWorkspaceIconButNothingElseDoes() {
        Accounts.Account ada = Accounts.register();
        String avatar = (String) Uploads.upload(ada, "me.png", "image/png", TestImages.encode(TestImages.quadrants(500, 500), "png")).get("id");
        String me = "{ me { avatarUrl } }";
        assertNull(ada.client().execute(me).data("me.avatarUrl"));
        profile(ada, avatar).assertNoErrors();
        HttpResponse<byte[]> picture = Uploads.download(ada.client().execute(me).string("me.avatarUrl"));
        assertEquals(200, picture.statusCode());
        assertEquals(360, TestImages.decode(picture.body()).getWidth());

        String text = Uploads.textFile(ada);
        GraphQLClient.Result notAPicture = profile(ada, text);
        assertEquals("avatarFileId", notAPicture.errorExtension("field"));
        assertEquals("FILE_NOT_A_PICTURE", notAPicture.errorExtension("subCode"));
        String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
        assertEquals("FILE_NOT_ATTACHABLE", FileAccessTest.send(ada, general, "my face", List.of(avatar)).errorExtension("subCode"),
                "an avatar is not attached to messages");
        String shared = (String) Uploads.upload(ada, "shared.png", "image/png", TestImages.encode(TestImages.quadrants(50, 50), "png")).get("id");
        FileAccessTest.send(ada, general, "look", List.of(shared)).assertNoErrors();
        assertEquals("FILE_NOT_A_PICTURE", profile(ada, shared).errorExtension("subCode"), "an attached file is not an avatar");
        assertEquals(picture.uri().getPath(), Uploads.resolve(ada.client().execute(me).string("me.avatarUrl")).getPath(),
                "the refused changes left the avatar");
        profile(ada, "").assertNoErrors();
        assertNull(ada.client().execute(me).data("me.avatarUrl"));

        String icon = (String) Uploads.upload(ada, "logo.png", "image/png", TestImages.encode(TestImages.quadrants(64, 64), "png")).get("id");
        GraphQLClient.Result updated = ada.client().execute("mutation($id: ID!, $i: UpdateWorkspaceInput!) { updateWorkspace(id: $id, input: $i)"
                + " { name iconUrl } }", Map.of("id", ada.workspaceId(), "i", Map.of("iconFileId", icon)));
        assertEquals(200, Uploads.download(updated.string("updateWorkspace.iconUrl")).statusCode());
        assertEquals("Test Workspace", updated.string("updateWorkspace.name"), "the name stays");
    }

    private static GraphQLClient.Result profile(Accounts.Account who, String avatarFileId) {
        return who.client().execute("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id avatarUrl } }",
                Map.of("i", Map.of("avatarFileId", avatarFileId)));
    }
}
