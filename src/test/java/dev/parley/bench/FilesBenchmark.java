package dev.parley.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.parley.file.ImagePreviews;
import dev.parley.testing.Accounts;
import dev.parley.testing.TestImages;
import dev.parley.testing.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Files benchmark: upload throughput through Parley's two ways, end to end (createUpload + presigned
 * PUT + completeUpload; POST /files), against a raw S3 PutObject of the same bytes to the same S3Proxy
 * in the same run; and the time to make an image's thumbnail and preview per megapixel. Prints
 * ratios, asserts nothing about time: run it with {@code bench/run-files}. See bench/README.md.
 *
 * <p>System properties: {@code bench.files.size} (MiB per file, default 8), {@code bench.files.count}
 * (files per block, default 8), {@code bench.files.megapixels} (image sizes, default "2,8,24").
 */
@QuarkusTest
@Tag("bench")
class FilesBenchmark {

    private static final int MIB = 1024 * 1024;
    private static final int SIZE = Integer.getInteger("bench.files.size", 8) * MIB;
    private static final int COUNT = Integer.getInteger("bench.files.count", 8);
    private static final int ROUNDS = 2;
    private static final int[] MEGAPIXELS = java.util.Arrays.stream(System.getProperty("bench.files.megapixels", "2,8,24").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();

    @Inject
    S3Client s3;

    @Inject
    ImagePreviews previews;

    @ConfigProperty(name = "parley.s3.bucket")
    String bucket;

    @Test
    void uploadThroughputAndThumbnailTime() throws IOException {
        byte[] bytes = new byte[SIZE];
        ThreadLocalRandom.current().nextBytes(bytes);
        // Warm-up: one of each, so class loading and JIT do not land on the first block.
        rawPut(bytes);
        presigned(Accounts.register(), bytes);
        form(Accounts.register(), bytes);

        long[] nanos = new long[3];
        for (int round = 0; round < ROUNDS; round++) {
            nanos[0] += timed(() -> rawPut(bytes));
            // Fresh people per block: the per-person limits of the test profile would refuse the rest.
            Accounts.Account viaPresigned = Accounts.register();
            nanos[1] += timed(() -> presigned(viaPresigned, bytes));
            Accounts.Account viaForm = Accounts.register();
            nanos[2] += timed(() -> form(viaForm, bytes));
        }
        double totalMb = (double) SIZE * COUNT * ROUNDS / MIB;
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Files benchmark: %d files of %d MiB per block, %d blocks per way, alternating%n%n",
                COUNT, SIZE / MIB, ROUNDS));
        String[] ways = {"raw S3 PutObject (baseline)", "createUpload + presigned PUT + completeUpload", "POST /files (multipart, streamed)"};
        double raw = totalMb / (nanos[0] / 1e9);
        for (int i = 0; i < 3; i++) {
            double rate = totalMb / (nanos[i] / 1e9);
            report.append(String.format(Locale.ROOT, "  %-48s %8.1f MiB/s   %.2f of raw%n", ways[i], rate, rate / raw));
        }
        report.append(String.format(Locale.ROOT, "%nThumbnail + preview (JPEG in, decoded subsampled, EXIF-oriented, two encodes)%n"));
        for (int megapixels : MEGAPIXELS) {
            double ms = thumbnailMillis(megapixels);
            report.append(String.format(Locale.ROOT, "  %3d MP: %7.1f ms   %6.1f ms per megapixel%n", megapixels, ms, ms / megapixels));
        }
        Path file = Path.of("target/bench/files.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private void rawPut(byte[] bytes) {
        String key = "bench/raw/" + UUID.randomUUID();
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(bytes));
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static void presigned(Accounts.Account who, byte[] bytes) {
        Uploads.upload(who, "bench-" + UUID.randomUUID() + ".bin", "application/octet-stream", bytes);
    }

    private static void form(Accounts.Account who, byte[] bytes) {
        HttpResponse<String> response = Uploads.postForm(who.accessToken(), "bench.bin", "application/octet-stream", bytes, null);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /files answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long timed(Runnable once) {
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            once.run();
        }
        return System.nanoTime() - start;
    }

    /** Median of three runs of the preview maker on a photo-like JPEG of about {@code megapixels}. */
    private double thumbnailMillis(int megapixels) throws IOException {
        int width = (int) Math.sqrt(megapixels * 1_000_000 * 4.0 / 3);
        int height = megapixels * 1_000_000 / width;
        Path image = Files.createTempFile("bench-", ".jpg");
        try {
            Files.write(image, TestImages.encode(TestImages.quadrants(width, height), "jpg"));
            List<Long> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                try {
                    previews.make(image).orElseThrow();
                } catch (ImagePreviews.TooManyPixels unexpected) {
                    throw new AssertionError(unexpected);
                }
                if (i > 0) { // the first run warms up
                    runs.add(System.nanoTime() - start);
                }
            }
            runs.sort(null);
            return runs.get(runs.size() / 2) / 1e6;
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
