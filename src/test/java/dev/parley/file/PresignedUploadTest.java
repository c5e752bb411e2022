package dev.parley.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.testing.Accounts;
import dev.parley.testing.StoredItems;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Uploads;
import io.quarkus.test.junit.QuarkusTest;

/** createUpload → PUT straight to storage (S3Proxy) → completeUpload → download, and what each step refuses. */
@QuarkusTest
class PresignedUploadTest {

    @Inject
    ObjectStorage storage;

    @Inject
    Dynamo dynamo;

    @Inject
    StoredItems stored;

    @Test
    void anUploadedFileDownloadsThroughItsUrlWithTheSameBytes() {
        Accounts.Account ada = Accounts.register();
        byte[] pdf = pdfBytes(20_000);
        GraphQLClient.Result result = Uploads.create(ada, "Quarterly report (final).pdf", "application/pdf", pdf.length, null);
        Uploads.Created created = Uploads.created(result);
        assertEquals(Map.of("Content-Type", "application/pdf"), created.headers());
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), pdf));

        Map<String, Object> file = Uploads.complete(ada, created.fileId()).assertNoErrors().json().getMap("data.completeUpload");
        assertEquals(created.fileId(), file.get("id"));
        assertEquals("application/pdf", file.get("contentType"));
        assertEquals(pdf.length, ((Number) file.get("size")).intValue());
        assertEquals(ada.userId(), ((Map<?, ?>) file.get("uploader")).get("id"));
        assertNull(file.get("thumbnailUrl"));

        HttpResponse<byte[]> download = Uploads.download((String) file.get("url"));
        assertEquals(200, download.statusCode());
        assertArrayEquals(pdf, download.body());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"Quarterly report (final).pdf\"; filename*=UTF-8''Quarterly%20report%20%28final%29.pdf",
                download.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElseThrow());

        // Completing again is harmless; the file is the uploader's to see.
        Uploads.complete(ada, created.fileId()).assertNoErrors();
        assertEquals(created.fileId(), ada.client().execute("query($id: ID!) { file(id: $id) { id } }", Map.of("id", created.fileId()))
                .string("file.id"));
    }

    @Test
    void storageRefusesAPutOfAnotherTypeOrLength() {
        Accounts.Account ada = Accounts.register();
        byte[] text = "hello, storage\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Created created = Uploads.created(Uploads.create(ada, "hello.txt", "text/plain", text.length, null));
        Map<String, String> otherType = new HashMap<>(created.headers());
        otherType.put("Content-Type", "text/html");
        assertEquals(403, Uploads.put(created.uploadUrl(), otherType, text));
        assertEquals(403, Uploads.put(created.uploadUrl(), created.headers(), "hello, storage, and more\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(storage.size(FileVariant.ORIGINAL.key(created.fileId())).isEmpty());
        assertEquals("NOT_UPLOADED", Uploads.complete(ada, created.fileId()).errorExtension("subCode"));
        // The declared one still works.
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), text));
        Uploads.complete(ada, created.fileId()).assertNoErrors();
    }

    @Test
    void htmlDeclaredAsPngIsRefusedAtCompletionAndTheObjectIsGone() {
        Accounts.Account ada = Accounts.register();
        byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Uploads.Created created = Uploads.created(Uploads.create(ada, "cat.png", "image/png", html.length, null));
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), html));
        GraphQLClient.Result completed = Uploads.complete(ada, created.fileId());
        assertEquals("BAD_USER_INPUT", completed.errorCode());
        assertEquals("fileId", completed.errorExtension("field"));
        assertEquals("TYPE_MISMATCH", completed.errorExtension("subCode"));
        assertTrue(storage.size(FileVariant.ORIGINAL.key(created.fileId())).isEmpty(), "the object was deleted");
        assertTrue(dynamo.get(Table.FILES, Items.key("fileId", created.fileId())).isEmpty(), "the record was deleted");
        assertEquals("NOT_FOUND", Uploads.complete(ada, created.fileId()).errorCode());
    }

    @Test
    void textThatIsHtmlIsRefusedLikeDeclaredHtml() {
        Accounts.Account ada = Accounts.register();
        byte[] html = "<html><head><title>x</title></head><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
        Uploads.Created created = Uploads.created(Uploads.create(ada, "readme.txt", "text/plain", html.length, null));
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), html));
        assertEquals("DENIED_TYPE", Uploads.complete(ada, created.fileId()).errorExtension("subCode"));
        assertTrue(storage.size(FileVariant.ORIGINAL.key(created.fileId())).isEmpty());
    }

    @Test
    void overSizeDeniedTypesAndBadNamesAreRefusedBeforeAnyUrl() {
        Accounts.Account ada = Accounts.register();
        GraphQLClient.Result tooLarge = Uploads.create(ada, "huge.bin", "application/octet-stream", 100L * 1024 * 1024 + 1, null);
        assertEquals("PAYLOAD_TOO_LARGE", tooLarge.errorCode());
        assertEquals("size", tooLarge.errorExtension("field"));
        assertNull(tooLarge.json().get("data"));
        for (String denied : List.of("text/html", "text/html; charset=utf-8", "image/svg+xml", "application/x-msdownload",
                "application/x-sh", "application/x-mach-o-executable")) {
            GraphQLClient.Result refused = Uploads.create(ada, "file", denied, 100, null);
            assertEquals("BAD_USER_INPUT", refused.errorCode(), denied);
            assertEquals("contentType", refused.errorExtension("field"), denied);
        }
        for (String name : List.of("", "../../etc/passwd", "a\\b.txt", "..", "invoice\u202Efdp.exe", "line\nbreak.txt", "x".repeat(256))) {
            GraphQLClient.Result refused = Uploads.create(ada, name, "text/plain", 100, null);
            assertEquals("fileName", refused.errorExtension("field"), name);
        }
        assertEquals("contentType", Uploads.create(ada, "a.txt", "not a type", 100, null).errorExtension("field"));
        assertEquals("size", Uploads.create(ada, "a.txt", "text/plain", 0, null).errorExtension("field"));
        assertEquals(0, stored.uploadsBy(ada.userId()), "nothing was recorded");
    }


    /** Bytes that start like a PDF and go on with noise. */
    static byte[] pdfBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
