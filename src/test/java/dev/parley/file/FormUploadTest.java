package dev.parley.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.s3.ObjectStorage;
import dev.parley.testing.Accounts;
import dev.parley.testing.StoredItems;
import dev.parley.testing.TestImages;
import dev.parley.testing.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** POST /files: the same checks as the presigned way, streaming to S3 in parts without holding the file in memory. */
@QuarkusTest
class FormUploadTest {

    private static final int MB = 1024 * 1024;

    @Inject
    ObjectStorage storage;

    @Inject
    StoredItems stored;

    @Test
    void aFormUploadAnswersTheFileAsJsonWithPreviewsForAnImage() {
        Accounts.Account ada = Accounts.register();
        byte[] png = TestImages.encode(TestImages.quadrants(600, 300), "png");
        HttpResponse<String> response = Uploads.postForm(ada.accessToken(), "whiteboard.png", "image/png", png, null);
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        JsonObject file = new JsonObject(response.body());
        assertEquals("whiteboard.png", file.getString("name"));
        assertEquals("image/png", file.getString("contentType"));
        assertEquals(png.length, file.getLong("size"));
        assertEquals(600, file.getInteger("width"));
        assertEquals(ada.userId(), file.getJsonObject("uploader").getString("id"));
        assertArrayEquals(png, Uploads.download(file.getString("url")).body());
        assertEquals(360, TestImages.decode(Uploads.download(file.getString("thumbnailUrl")).body()).getWidth());
        assertEquals(file.getString("id"), ada.client().execute("query($id: ID!) { file(id: $id) { id } }", Map.of("id", file.getString("id")))
                .string("file.id"));
    }

    @Test
    void htmlSentAsPngIsRefusedAndNothingIsKept() {
        Accounts.Account ada = Accounts.register();
        byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Uploads.postForm(ada.accessToken(), "cat.png", "image/png", html, null);
        assertEquals(400, response.statusCode(), response.body());
        JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
        assertEquals("BAD_USER_INPUT", error.getJsonObject("extensions").getString("code"));
        assertEquals("TYPE_MISMATCH", error.getJsonObject("extensions").getString("subCode"));
        assertEquals(0, stored.uploadsBy(ada.userId()), "no record left");
    }

    @Test
    void deniedTypesBadNamesStrangersChannelsAndMissingTokensAreRefused() {
        Accounts.Account ada = Accounts.register();
        byte[] bytes = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("DENIED_TYPE", errorOf(Uploads.postForm(ada.accessToken(), "setup.sh", "application/x-sh", bytes, null)).getString("subCode"));
        assertEquals("file", errorOf(Uploads.postForm(ada.accessToken(), "a\u202Etxt.exe", "text/plain", bytes, null)).getString("field"));
        Accounts.Account stranger = Accounts.register();
        String strangersGeneral = dev.parley.testing.WorkspaceOps.channelId(stranger, stranger.workspaceId(), "general");
        HttpResponse<String> hidden = Uploads.postForm(ada.accessToken(), "notes.txt", "text/plain", "hi\n".getBytes(StandardCharsets.UTF_8),
                strangersGeneral);
        assertEquals(404, hidden.statusCode(), hidden.body());
        assertEquals(0, stored.uploadsBy(ada.userId()));
        assertEquals(401, Uploads.postForm(null, "notes.txt", "text/plain", bytes, null).statusCode());
    }

    /**
     * Sends 50 MB and, with 45 MB received by the service, stops sending and measures the live heap:
     * the service holds at most a part (8 MB), not what it received.
     */
    @Test
    void aFiftyMegabyteUploadStreamsToStorageWithoutHoldingTheFile() throws Exception {
        Accounts.Account ada = Accounts.register();
        String boundary = "----parley" + UUID.randomUUID();
        long fileSize = 50L * MB;
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        FormBody body = new FormBody(Uploads.formFileHeader(boundary, "dump.bin", "application/octet-stream"), fileSize,
                Uploads.formEnd(boundary), 45L * MB, reached, measured);
        // HTTP_2 makes the JDK client ask for a cleartext upgrade (h2c), whose body Vert.x would read without back-pressure.
        HttpRequest request = Uploads.formRequest(ada.accessToken(), boundary).version(java.net.http.HttpClient.Version.HTTP_2)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), body.length()))
                .build();
        long before = liveHeap();
        CompletableFuture<HttpResponse<String>> sending = Uploads.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(reached.await(120, TimeUnit.SECONDS), "45 MB sent");
        Thread.sleep(500); // let the service take in what is on the wire
        long grown = liveHeap() - before;
        measured.countDown();
        HttpResponse<String> response = sending.get(180, TimeUnit.SECONDS);
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(grown < 24L * MB, "the live heap grew by " + grown / MB + " MB while 45 MB were in");

        JsonObject file = new JsonObject(response.body());
        assertEquals(fileSize, file.getLong("size"));
        assertEquals(fileSize, storage.size(FileVariant.ORIGINAL.key(file.getString("id"))).orElseThrow());
        try (InputStream stored = Uploads.resolveStream(file.getString("url"))) {
            assertNotNull(stored);
            assertEquals(fileSize, FormBody.verify(stored), "the stored bytes are the sent ones");
        }
        storage.delete(FileVariant.allKeys(file.getString("id")));
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static JsonObject errorOf(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0).getJsonObject("extensions");
    }


    /**
     * A multipart body made as it is read: the part header, {@code size} bytes of a pattern that
     * {@link #verify} recognizes, the closing boundary; it pauses once at {@code pauseAt} file bytes
     * until the test has measured.
     */
    static final class FormBody extends InputStream {
        private final byte[] head;
        private final long size;
        private final byte[] tail;
        private final long pauseAt;
        private final CountDownLatch reached;
        private final CountDownLatch measured;
        private long position;

        FormBody(byte[] head, long size, byte[] tail, long pauseAt, CountDownLatch reached, CountDownLatch measured) {
            this.head = head;
            this.size = size;
            this.tail = tail;
            this.pauseAt = head.length + pauseAt;
            this.reached = reached;
            this.measured = measured;
        }

        long length() {
            return head.length + size + tail.length;
        }

        static byte pattern(long offset) {
            return (byte) (offset * 31 + (offset >> 11));
        }

        /** Reads a stream of pattern bytes to its end; returns how many matched, or fails at the first that does not. */
        static long verify(InputStream in) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            long offset = 0;
            for (int read = in.read(chunk); read > 0; read = in.read(chunk)) {
                for (int i = 0; i < read; i++, offset++) {
                    if (chunk[i] != pattern(offset)) {
                        throw new AssertionError("byte " + offset + " differs");
                    }
                }
            }
            return offset;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= length()) {
                return -1;
            }
            if (position == pauseAt && measured.getCount() > 0) {
                reached.countDown();
                try {
                    measured.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long limit = position < pauseAt ? pauseAt : length();
            int count = (int) Math.min(length, limit - position);
            for (int i = 0; i < count; i++, position++) {
                long fileOffset = position - head.length;
                buffer[offset + i] = position < head.length ? head[(int) position]
                        : fileOffset < size ? pattern(fileOffset) : tail[(int) (fileOffset - size)];
            }
            return count;
        }
    }
}
