package dev.parley.platform.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The files bucket: presigned uploads, reads, writes and deletes of objects by key. Knows nothing
 * of what the objects mean; {@link StreamingUpload} writes a stream of unknown length.
 */
@ApplicationScoped
public class ObjectStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public ObjectStorage(S3Client s3, S3Presigner presigner, ParleyConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.s3().bucket();
    }

    /** A URL to PUT exactly this object with; storage refuses another Content-Type or Content-Length. */
    public record PresignedPut(String url, Map<String, String> headers, Instant expiresAt) {
    }

    /**
     * Signs a PUT of {@code key} with {@code Content-Type} and {@code Content-Length} among the signed
     * headers, so storage itself refuses a body of another type or size.
     */
    public PresignedPut presignPut(String key, String contentType, long length, Duration lifetime) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p.signatureDuration(lifetime)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(length)));
        return new PresignedPut(signed.url().toString(), Map.of("Content-Type", contentType), signed.expiration());
    }

    /** The size of a stored object, or empty when there is none. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception failed) {
            if (failed.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    /** Up to {@code count} bytes from the start of an object (what type detection looks at). */
    public byte[] firstBytes(String key, int count) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (count - 1))).asByteArray();
    }

    /** Copies an object into a local file (replacing it), without holding it in memory. */
    public void download(String key, Path target) throws IOException {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** An object's bytes as a stream, all of it or an HTTP {@code Range} ({@code range} may be null). */
    public ResponseInputStream<GetObjectResponse> open(String key, String range) {
        return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
    }

    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    /** Deletes objects; keys that are not there are no error, so deleting twice is harmless. */
    public void delete(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true)
                .objects(keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList())));
    }

    /** A writer for an object whose length is not known up front (see {@link StreamingUpload}). */
    public StreamingUpload streamingUpload(String key, String contentType, int partSize) {
        return new StreamingUpload(s3, bucket, key, contentType, partSize);
    }
}
