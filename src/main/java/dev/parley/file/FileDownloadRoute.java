package dev.parley.file;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.platform.s3.ObjectStorage;
import dev.parley.platform.security.Ids;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Serves signed download links ({@link FileLinks}) from storage, streaming, with the headers that
 * make user content safe to open: the verified type, {@code inline} only for raster images and
 * {@code attachment} with the original name otherwise, {@code X-Content-Type-Options: nosniff} and a
 * sandboxing Content-Security-Policy on every response (S3 cannot send these itself, which is why
 * Parley serves the bytes instead of handing out S3 links). Single byte ranges pass through, so
 * media can seek. A file hidden or removed stops downloading at once, whatever its link says.
 */
@ApplicationScoped
public class FileDownloadRoute {

    private static final Logger LOG = Logger.getLogger(FileDownloadRoute.class);
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=\\d*-\\d*");
    private static final int CHUNK = 64 * 1024;
    private static final long DRAIN_TIMEOUT_SECONDS = 60;

    private final FileLinks links;
    private final FileStore store;
    private final ObjectStorage storage;

    public FileDownloadRoute(FileLinks links, FileStore store, ObjectStorage storage) {
        this.links = links;
        this.store = store;
        this.storage = storage;
    }

    void install(@Observes Router router) {
        router.get("/files/:fileId/:variant").blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Content-Type-Options", "nosniff").putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                .putHeader("Referrer-Policy", "no-referrer");
        String fileId = context.pathParam("fileId");
        Optional<FileVariant> variant = FileVariant.fromPath(context.pathParam("variant"));
        long expires = parseLong(context.request().getParam("expires"));
        Instant now = Instant.now();
        if (!Ids.isValid(fileId) || variant.isEmpty()
                || !links.valid(fileId, variant.get(), expires, context.request().getParam("signature"), now)) {
            end(response, 403, "This link is not valid or has expired");
            return;
        }
        Optional<StoredFile> file = store.find(fileId).filter(f -> f.status() == FileStatus.READY)
                .filter(f -> variant.get() == FileVariant.ORIGINAL || f.hasPreviews());
        if (file.isEmpty()) {
            end(response, 404, "No such file");
            return;
        }
        String range = context.request().getHeader("Range");
        try (ResponseInputStream<GetObjectResponse> in = storage.open(variant.get().key(fileId),
                range != null && SINGLE_RANGE.matcher(range).matches() ? range : null)) {
            headers(response, file.get(), variant.get(), in.response(), FileLinks.remaining(expires, now).getSeconds());
            copy(in, response);
        } catch (S3Exception failed) {
            end(response, failed.statusCode() == 416 ? 416 : 502, failed.statusCode() == 416 ? "Range not satisfiable" : "Storage failed");
        } catch (IOException | InterruptedException cut) {
            LOG.debugf("Download of %s cut short: %s", fileId, cut.toString());
            response.reset();
        }
    }

    private static void headers(HttpServerResponse response, StoredFile file, FileVariant variant, GetObjectResponse object,
            long maxAge) {
        boolean original = variant == FileVariant.ORIGINAL;
        String type = original ? file.contentType() : file.previewType();
        boolean inline = !original || FileTypes.isInline(file.contentType());
        response.putHeader("Content-Type", type)
                .putHeader("Content-Disposition", FileNames.contentDisposition(inline, file.name()))
                .putHeader("Cache-Control", "private, max-age=" + maxAge)
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("Content-Length", Long.toString(object.contentLength()));
        if (object.contentRange() != null) {
            response.setStatusCode(206).putHeader("Content-Range", object.contentRange());
        }
    }

    /** Streams to the client as fast as it reads: a full write queue waits for the connection to drain. */
    private static void copy(InputStream in, HttpServerResponse response) throws IOException, InterruptedException {
        byte[] chunk = new byte[CHUNK];
        for (int read = in.read(chunk); read > 0; read = in.read(chunk)) {
            if (response.closed()) {
                return;
            }
            response.write(Buffer.buffer(read).appendBytes(chunk, 0, read));
            if (response.writeQueueFull()) {
                CountDownLatch drained = new CountDownLatch(1);
                response.drainHandler(ignored -> drained.countDown());
                response.closeHandler(ignored -> drained.countDown());
                if (response.writeQueueFull() && !drained.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("the client stopped reading");
                }
            }
        }
        response.end();
    }

    private static void end(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
