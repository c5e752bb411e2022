package dev.parley.file;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.channel.ChannelAccess;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.platform.security.AccessTokens;
import dev.parley.platform.security.Caller;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /files}: multipart/form-data with one file in the field {@code file} and optionally
 * {@code channelId}, for clients that cannot PUT to storage. Same checks as createUpload and
 * completeUpload; the bytes stream to S3 ({@link FormUpload}) and the answer is the File as JSON
 * (201), or {@code {"errors": [{message, extensions: {code, field, …}}]}} with the HTTP status of the
 * code. The request needs {@code Authorization: Bearer} (which also keeps cross-site forms out) and
 * a {@code Content-Length}, checked against the size limit before anything is read.
 */
@ApplicationScoped
public class FileUploadRoute {

    private static final Logger LOG = Logger.getLogger(FileUploadRoute.class);
    /** Room for the multipart boundaries and headers around the file within the request's length. */
    static final long FORM_OVERHEAD = 64 * 1024;
    private static final Map<ErrorCode, Integer> STATUS = Map.of(ErrorCode.BAD_USER_INPUT, 400, ErrorCode.UNAUTHENTICATED, 401,
            ErrorCode.FORBIDDEN, 403, ErrorCode.NOT_FOUND, 404, ErrorCode.PAYLOAD_TOO_LARGE, 413, ErrorCode.RATE_LIMITED, 429);

    private final AccessTokens tokens;
    private final FormUpload.Services services;
    private final FileLinks links;

    public FileUploadRoute(AccessTokens tokens, FileService files, FileChecks checks, UploadRules rules, ObjectStorage storage,
            ChannelAccess channels, FileLinks links, ParleyConfig config) {
        this.tokens = tokens;
        this.services = new FormUpload.Services(files, checks, rules, storage, channels, (int) config.files().partSize().asLongValue());
        this.links = links;
    }

    /**
     * Ahead of Quarkus's request-size limit ({@code quarkus.http.limits.max-body-size}, 10 MB, which is
     * for GraphQL bodies that are read whole): this route enforces {@code parley.files.max-size} itself,
     * from the Content-Length and by counting what it streams.
     */
    void install(@Observes Router router) {
        router.post("/files").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::receive);
    }

    private void receive(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.pause();
        String authorization = request.getHeader("Authorization");
        long length = parseLength(request.getHeader("Content-Length"));
        context.vertx().<Caller>executeBlocking(() -> admit(authorization, length), false).onComplete(admitted -> {
            if (admitted.failed()) {
                respondError(context.response(), admitted.cause());
            } else {
                new FormUpload(context, admitted.result(), length, services, this).start();
            }
        });
    }

    /** The caller, if the request may be read at all: signed in, of a known length within the limit. */
    private Caller admit(String authorization, long length) {
        Caller caller = tokens.verifyAuthorization(authorization);
        if (length < 0) {
            throw ParleyException.badInput("Content-Length", "Send the request with a Content-Length").with("subCode", "LENGTH_REQUIRED");
        }
        if (length > services.rules().maxSize() + FORM_OVERHEAD) {
            services.rules().requireSize("file", length);
        }
        return caller;
    }

    void respondFile(HttpServerResponse response, StoredFile file) {
        Instant now = Instant.now();
        JsonObject json = new JsonObject().put("id", file.id()).put("name", file.name()).put("contentType", file.contentType())
                .put("size", file.size()).put("width", file.width()).put("height", file.height())
                .put("createdAt", file.createdAt().toString())
                .put("url", links.link(file.id(), FileVariant.ORIGINAL, now))
                .put("thumbnailUrl", file.hasPreviews() ? links.link(file.id(), FileVariant.THUMBNAIL, now) : null)
                .put("previewUrl", file.hasPreviews() ? links.link(file.id(), FileVariant.PREVIEW, now) : null)
                .put("uploader", new JsonObject().put("id", file.uploaderId()));
        safeHeaders(response).setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
    }

    /** Answers a failure; anything but a ParleyException is INTERNAL, logged, with no detail for the client. */
    void respondError(HttpServerResponse response, Throwable failure) {
        ParleyException error = failure instanceof ParleyException known ? known : ParleyException.internal();
        if (!(failure instanceof ParleyException)) {
            LOG.error("POST /files failed", failure);
        }
        if (response.ended() || response.closed()) {
            return;
        }
        JsonObject extensions = new JsonObject();
        error.getExtensions().forEach((name, value) -> extensions.put(name,
                value instanceof jakarta.json.JsonNumber number ? number.longValue() : value));
        safeHeaders(response).setStatusCode(STATUS.getOrDefault(error.code(), 500)).putHeader("Content-Type", "application/json")
                // The client may still be sending: close the connection rather than read the rest.
                .putHeader("Connection", "close");
        if (error.code() == ErrorCode.RATE_LIMITED) {
            response.putHeader("Retry-After", String.valueOf(extensions.getLong("retryAfterSeconds")));
        }
        response.end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", error.getMessage())
                .put("extensions", extensions))).encode());
    }

    private static HttpServerResponse safeHeaders(HttpServerResponse response) {
        return response.putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
