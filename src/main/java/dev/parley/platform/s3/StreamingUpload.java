package dev.parley.platform.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes one object from a stream of unknown length while holding at most one part in memory:
 * bytes collect in a part-sized buffer; a full buffer goes to S3 as a part of a multipart upload
 * (started with the first full part), and {@link #finish} writes the rest. An object smaller than
 * one part is a single PUT. Not thread-safe: one writer at a time, {@link #flushPart} and
 * {@link #finish} block and belong on a worker thread.
 */
public final class StreamingUpload {

    /** S3's smallest part (except the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final byte[] part;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long written;
    private String uploadId;

    StreamingUpload(S3Client s3, String bucket, String key, String contentType, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.part = new byte[Math.max(MIN_PART_SIZE, partSize)];
    }

    /** Copies as much of {@code bytes[offset..offset+length)} as the current part has room for; returns how much. */
    public int append(byte[] bytes, int offset, int length) {
        int taken = Math.min(length, part.length - filled);
        System.arraycopy(bytes, offset, part, filled, taken);
        filled += taken;
        written += taken;
        return taken;
    }

    public boolean partFull() {
        return filled == part.length;
    }

    /** Bytes taken so far. */
    public long size() {
        return written;
    }

    /** The first bytes taken (up to {@code count}), while they are still in the first part. */
    public byte[] head(int count) {
        if (!parts.isEmpty()) {
            throw new IllegalStateException("the first part has been sent");
        }
        return Arrays.copyOf(part, Math.min(count, filled));
    }

    /** Sends the full part buffer to S3 as the next part. Blocks. */
    public void flushPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        }
        int number = parts.size() + 1;
        String tag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) filled),
                body()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(tag).build());
        filled = 0;
    }

    /** Writes what is left and makes the object whole. Blocks. */
    public void finish() {
        if (uploadId == null) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) filled), body());
            return;
        }
        if (filled > 0) {
            flushPart();
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        uploadId = null;
    }

    /** Gives up: the parts sent so far are discarded. Blocks; harmless when nothing was sent. */
    public void abort() {
        if (uploadId != null) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            uploadId = null;
        }
    }

    /** The filled part as a request body that can be read again on a retry, without copying it. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, contentType);
    }
}
