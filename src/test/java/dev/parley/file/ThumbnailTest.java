package dev.parley.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.s3.ObjectStorage;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.Uploads;
import io.quarkus.test.junit.QuarkusTest;

/** Thumbnails and previews exist, upright, for PNG, JPEG and EXIF-rotated JPEG; bombs and undecodable images are handled. */
@QuarkusTest
class ThumbnailTest {

    @Inject
    ObjectStorage storage;

    @Test
    void aPngGetsAThumbnailAndAPreviewServedInline() {
        Accounts.Account ada = Accounts.register();
        Map<String, Object> file = Uploads.upload(ada, "diagram.png", "image/png", TestImages.encode(TestImages.quadrants(800, 400), "png"));
        assertEquals(800, file.get("width"));
        assertEquals(400, file.get("height"));

        BufferedImage thumbnail = fetchImage((String) file.get("thumbnailUrl"));
        assertEquals(360, thumbnail.getWidth());
        assertEquals(180, thumbnail.getHeight());
        assertUpright(thumbnail);
        BufferedImage preview = fetchImage((String) file.get("previewUrl"));
        assertEquals(800, preview.getWidth(), "a preview is never larger than the original");

        HttpResponse<byte[]> original = Uploads.download((String) file.get("url"));
        assertEquals("image/png", original.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(original.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline;"));
        assertEquals("nosniff", original.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void aLargeJpegGetsAPreviewOfSixteenHundredPixels() {
        Accounts.Account ada = Accounts.register();
        Map<String, Object> file = Uploads.upload(ada, "photo.jpg", "image/jpeg", TestImages.encode(TestImages.quadrants(4000, 2000), "jpg"));
        assertEquals(4000, file.get("width"));
        BufferedImage preview = fetchImage((String) file.get("previewUrl"));
        assertEquals(1600, preview.getWidth());
        assertEquals(800, preview.getHeight());
        assertUpright(preview);
        BufferedImage thumbnail = fetchImage((String) file.get("thumbnailUrl"));
        assertEquals(360, thumbnail.getWidth());
        assertUpright(thumbnail);
    }

    @Test
    void aJpegWithExifOrientationSixIsTurnedUpright() {
        Accounts.Account ada = Accounts.register();
        // Stored landscape with "turn 90° clockwise to view": people see it portrait, the red corner top right.
        byte[] rotated = TestImages.withExifOrientation(TestImages.encode(TestImages.quadrants(400, 200), "jpg"), 6);
        Map<String, Object> file = Uploads.upload(ada, "phone.jpg", "image/jpeg", rotated);
        assertEquals(200, file.get("width"));
        assertEquals(400, file.get("height"));
        BufferedImage thumbnail = fetchImage((String) file.get("thumbnailUrl"));
        assertEquals(180, thumbnail.getWidth());
        assertEquals(360, thumbnail.getHeight());
        assertTrue(TestImages.near(thumbnail.getRGB(thumbnail.getWidth() - 5, 5), Color.RED), "red is top right");
        assertTrue(TestImages.near(thumbnail.getRGB(thumbnail.getWidth() - 5, thumbnail.getHeight() - 5), Color.BLUE),
                "blue is bottom right");
        assertTrue(TestImages.near(thumbnail.getRGB(5, 5), Color.GREEN), "green is on the left");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecoding() {
        Accounts.Account ada = Accounts.register();
        byte[] bomb = TestImages.pngBomb(50_000, 50_000);
        assertTrue(bomb.length < 2_000, "tiny on disk");
        Uploads.Created created = Uploads.created(Uploads.create(ada, "innocent.png", "image/png", bomb.length, null));
        assertEquals(200, Uploads.put(created.uploadUrl(), created.headers(), bomb));
        Runtime runtime = Runtime.getRuntime();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        GraphQLClient.Result refused = Uploads.complete(ada, created.fileId());
        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertEquals("IMAGE_TOO_LARGE", refused.errorExtension("subCode"));
        // 2.5 billion pixels decoded would need 7.5 GB; the refusal came from the header.
        long grown = runtime.totalMemory() - runtime.freeMemory() - usedBefore;
        assertTrue(grown < 512L * 1024 * 1024, "heap grew by " + grown);
        assertTrue(storage.size(FileVariant.ORIGINAL.key(created.fileId())).isEmpty(), "the bomb is not kept");
    }

    @Test
    void heicIsStoredAndServedWithoutThumbnailAsAnAttachment() {
        Accounts.Account ada = Accounts.register();
        byte[] heic = new byte[4096];
        byte[] box = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(box, 0, heic, 0, box.length);
        Map<String, Object> file = Uploads.upload(ada, "IMG_0001.HEIC", "image/heic", heic);
        assertEquals("image/heic", file.get("contentType"));
        assertNull(file.get("thumbnailUrl"));
        assertNull(file.get("previewUrl"));
        assertNull(file.get("width"));
        HttpResponse<byte[]> original = Uploads.download((String) file.get("url"));
        assertEquals(200, original.statusCode());
        assertTrue(original.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
    }

    @Test
    void aDamagedImageIsStoredWithoutPreviews() {
        Accounts.Account ada = Accounts.register();
        byte[] png = TestImages.encode(TestImages.quadrants(300, 300), "png");
        byte[] damaged = java.util.Arrays.copyOf(png, 200); // the header survives, the pixels do not
        Map<String, Object> file = Uploads.upload(ada, "broken.png", "image/png", damaged);
        assertNull(file.get("thumbnailUrl"));
        assertFalse(file.get("url").toString().isEmpty());
    }

    private static BufferedImage fetchImage(String link) {
        HttpResponse<byte[]> response = Uploads.download(link);
        assertEquals(200, response.statusCode());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline;"));
        return TestImages.decode(response.body());
    }

    /** The quadrant picture the right way up: red top left, blue top right, green at the bottom. */
    private static void assertUpright(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertTrue(TestImages.near(image.getRGB(3, 3), Color.RED), "red is top left");
        assertTrue(TestImages.near(image.getRGB(w - 4, 3), Color.BLUE), "blue is top right");
        assertTrue(TestImages.near(image.getRGB(w / 2, h - 4), Color.GREEN), "green is at the bottom");
    }
}
