package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Uploads straight to storage from the browser; the client's part runs once the server has files (issue 12). */
@QuarkusTest
class FilesInBrowserTest {

    @Inject
    S3Client s3;

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.access-key-id")
    String accessKey;

    @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.secret-access-key")
    String secretKey;

    @ConfigProperty(name = "parley.s3.bucket")
    String bucket;

    /** What the client's upload relies on: its page may PUT to a presigned URL of the storage (CSP, CORS). */
    @Test
    void thePageMayPutStraightToAPresignedStorageUrl() throws Exception {
        byte[] png = Files.readAllBytes(drawing());
        String key = "browser-put-" + UUID.randomUUID() + ".png";
        String url;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(s3Endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5)).putObjectRequest(o -> o.bucket(bucket).key(key)
                    .contentType("image/png").contentLength((long) png.length))).url().toString();
        }
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser browser = Browsers.open()) {
            new ChatPage(browser).signedInAs(people.ada());
            Object status = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));"
                    + "fetch(arguments[0], { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: bytes })"
                    + ".then(r => done(r.status), e => done(String(e)));", url, Base64.getEncoder().encodeToString(png));
            assertEquals(200L, status);
            assertTrue(browser.consoleErrors().isEmpty(), "the CSP let it through");
        }
        assertArrayEquals(png, s3.getObjectAsBytes(o -> o.bucket(bucket).key(key)).asByteArray());
    }

    @Test
    void anUploadedPngShowsItsThumbnailToTheOtherPersonAndDownloadsAsTheSameBytes() throws Exception {
        ServerSchema.assume("Mutation", "createUpload");
        TwoPeople people = TwoPeople.inOneWorkspace();
        Path png = drawing();
        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage ada = new ChatPage(adasBrowser).signedInAs(people.ada());
            ChatPage grace = new ChatPage(gracesBrowser).signedInAs(people.grace(), people.workspaceId());
            ada.attach(png);
            ada.send("The engine, as drawn");

            WebElement message = grace.message("The engine, as drawn");
            WebElement thumbnail = message.findElement(By.cssSelector(".files .file-image img"));
            gracesBrowser.waiting().until(d -> ((Number) gracesBrowser.driver()
                    .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail)).intValue() > 0);
            assertEquals("engine.png", thumbnail.getDomAttribute("alt"));
            gracesBrowser.screenshot("upload");

            // The page's link as the browser resolves it (Parley's own signed link, on the API's host).
            String link = message.findElement(By.cssSelector(".files a")).getDomProperty("href");
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(Files.readAllBytes(png), download.body());
        }
    }

    /** A 640×400 PNG with something on it, so its thumbnail is a real picture. */
    private static Path drawing() throws IOException {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf4efe6));
        g.fillRect(0, 0, 640, 400);
        g.setColor(new Color(0x3f2b56));
        for (int i = 0; i < 8; i++) {
            g.fillOval(60 + i * 65, 150, 50, 50);
            g.drawLine(85 + i * 65, 100, 85 + i * 65, 300);
        }
        g.dispose();
        Path file = Files.createTempDirectory("parley-upload").resolve("engine.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
