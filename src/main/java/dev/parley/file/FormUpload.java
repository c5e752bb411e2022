package dev.parley.file;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.parley.channel.ChannelAccess;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.platform.s3.StreamingUpload;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.CallerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One {@code POST /files} request, from the first byte of the form to the answer. Chunks arrive on
 * the event loop and are copied into the current part of a {@link StreamingUpload}; a full part is
 * sent to S3 on a worker thread while the request is paused, so memory holds one part whatever the
 * file's size. The declared name and type are checked when the file's part begins, its first bytes
 * before anything is sent to S3, the size as it grows. At most one blocking step runs at a time;
 * every callback runs on the request's event loop, which is what keeps the fields below consistent.
 */
final class FormUpload {

    private static final Logger LOG = Logger.getLogger(FormUpload.class);

    /** What an upload needs from the service. */
    record Services(FileService files, FileChecks checks, UploadRules rules, ObjectStorage storage, ChannelAccess channels,
            int partSize) {
    }

    /** A received chunk and how much of it is already in a part. */
    private static final class Chunk {
        final byte[] bytes;
        int taken;

        Chunk(Buffer buffer) {
            this.bytes = buffer.getBytes();
        }
    }

    private final RoutingContext context;
    private final HttpServerRequest request;
    private final Caller caller;
    private final String callerId;
    private final long requestLength;
    private final Services services;
    private final FileUploadRoute answers;
    private final Queue<Chunk> waiting = new ArrayDeque<>();

    private HttpServerFileUpload part;
    private StoredFile pending;
    private StreamingUpload object;
    private String verifiedType;
    private boolean busy;
    private boolean partEnded;
    private boolean requestEnded;
    /** The last step has begun or the upload failed: nothing more is taken. */
    private boolean done;
    private boolean failed;

    FormUpload(RoutingContext context, Caller caller, long requestLength, Services services, FileUploadRoute answers) {
        this.context = context;
        this.request = context.request();
        this.caller = caller;
        this.callerId = caller.userId();
        this.requestLength = requestLength;
        this.services = services;
        this.answers = answers;
    }

    void start() {
        request.setExpectMultipart(true);
        request.uploadHandler(this::onPart);
        request.exceptionHandler(this::fail);
        request.endHandler(ignored -> {
            requestEnded = true;
            if (part == null) {
                fail(ParleyException.badInput("file", "Send the file in the form field named file"));
            } else {
                proceed();
            }
        });
        request.resume();
    }

    private void onPart(HttpServerFileUpload upload) {
        if (done) {
            return;
        }
        if (part != null || !"file".equals(upload.name())) {
            fail(ParleyException.badInput("file", "Send one file, in the form field named file"));
            return;
        }
        part = upload;
        upload.pause();
        upload.handler(buffer -> {
            waiting.add(new Chunk(buffer));
            proceed();
        });
        upload.endHandler(ignored -> {
            partEnded = true;
            proceed();
        });
        upload.exceptionHandler(this::fail);
        blocking(() -> {
            // The request's length bounds the file's; the exact size is counted as it streams.
            long atMost = Math.min(requestLength, services.rules().maxSize());
            pending = services.files().begin(callerId, UploadRules.Fields.FORM, upload.filename(), upload.contentType(), atMost, null);
            object = services.storage().streamingUpload(FileVariant.ORIGINAL.key(pending.id()), pending.contentType(), services.partSize());
            return null;
        }, ignored -> upload.resume());
    }

    /** Moves waiting chunks into parts, sends full parts, and finishes once everything arrived. */
    private void proceed() {
        while (!done && !busy && object != null && !waiting.isEmpty()) {
            Chunk chunk = waiting.peek();
            chunk.taken += object.append(chunk.bytes, chunk.taken, chunk.bytes.length - chunk.taken);
            if (chunk.taken == chunk.bytes.length) {
                waiting.poll();
            }
            if (object.size() > services.rules().maxSize()) {
                fail(new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE, "Files are at most " + services.rules().maxSize() + " bytes")
                        .with("field", "file"));
                return;
            }
            if (object.partFull()) {
                part.pause();
                blocking(() -> {
                    checkType();
                    object.flushPart();
                    return null;
                }, ignored -> {
                    part.resume();
                    proceed();
                });
                return;
            }
        }
        if (!done && !busy && partEnded && requestEnded && waiting.isEmpty() && object != null) {
            done = true;
            String channelId = request.getFormAttribute("channelId");
            blocking(() -> finish(channelId), file -> answers.respondFile(context.response(), file));
        }
    }

    private StoredFile finish(String channelId) {
        checkType();
        StoredFile file = pending;
        if (channelId != null && !channelId.isEmpty()) {
            try {
                file = pending.meantFor(services.channels().readable(callerId, "channelId", channelId).channel().id());
            } catch (ParleyException hidden) {
                throw services.checks().refused(pending, hidden);
            }
        }
        object.finish();
        return services.checks().finish(file, verifiedType, object.size(), "file");
    }

    /** Checks the first bytes once, before the first part leaves (or, for a small file, before the one PUT). */
    private void checkType() {
        if (verifiedType == null) {
            verifiedType = services.checks().verifiedType(pending, object.head(FileTypes.headLength()), "file");
        }
    }

    /**
     * Runs one step on a worker, in a request context of its own (the access policy keeps per-request
     * state), then {@code then} back on the event loop; a failed step fails the upload.
     */
    private <T> void blocking(Callable<T> step, Consumer<T> then) {
        busy = true;
        context.vertx().executeBlocking(() -> CallerContext.run(caller, step), false).onComplete(result -> {
            busy = false;
            if (result.failed()) {
                fail(result.cause());
            } else if (failed) {
                cleanUp(); // the upload failed while the step ran
            } else {
                then.accept(result.result());
            }
        });
    }

    /** Answers the error (once) and removes whatever was stored, once no step is running; data still arriving is dropped. */
    private void fail(Throwable failure) {
        if (!failed) {
            failed = true;
            done = true;
            waiting.clear();
            if (part != null) {
                part.handler(ignored -> {
                });
            }
            answers.respondError(context.response(), failure);
        }
        if (!busy) {
            cleanUp();
        }
    }

    private void cleanUp() {
        StreamingUpload sent = object;
        StoredFile record = pending;
        object = null;
        pending = null;
        if (sent != null || record != null) {
            context.vertx().executeBlocking(() -> {
                if (sent != null) {
                    sent.abort();
                }
                if (record != null) {
                    services.checks().remove(record);
                }
                return null;
            }, false).onFailure(failure -> LOG.warnf("Could not remove a failed upload (the sweep will): %s", failure.toString()));
        }
    }
}
