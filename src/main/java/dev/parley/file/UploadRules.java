package dev.parley.file;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.ErrorCode;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.RateLimiter;

/**
 * What is checked before a single byte is stored, for both ways of uploading: the name, the declared
 * type (a media type, not on the deny-list), the size (PAYLOAD_TOO_LARGE over the limit), and then
 * the person's limits: uploads per window and bytes per day (RATE_LIMITED). Limits count only
 * uploads that passed the other checks.
 */
@ApplicationScoped
public class UploadRules {

    private static final Duration DAY = Duration.ofDays(1);

    private final FileTypes types;
    private final RateLimiter limits;
    private final ParleyConfig.Files config;

    public UploadRules(FileTypes types, RateLimiter limits, ParleyConfig config) {
        this.types = types;
        this.limits = limits;
        this.config = config.files();
    }

    /** The input fields errors name: createUpload's, or the one form field of POST /files. */
    public record Fields(String name, String type, String size) {
        static final Fields CREATE_UPLOAD = new Fields("fileName", "contentType", "size");
        static final Fields FORM = new Fields("file", "file", "file");
    }

    /** A declaration that passed: the name to display and the normalized type. */
    public record Admitted(String name, String type) {
    }

    /**
     * Admits an upload of {@code size} bytes ({@code POST /files}: the request's length, an upper
     * bound) or refuses it with the error meant for the client.
     */
    public Admitted admit(String callerId, Fields fields, String name, String declaredType, long size) {
        String validName = FileNames.validate(fields.name(), name);
        String type = types.normalized(declaredType)
                .orElseThrow(() -> ParleyException.badInput(fields.type(), "contentType must be a media type such as image/png"));
        if (types.isDenied(type)) {
            throw deniedType(fields.type(), type);
        }
        requireSize(fields.size(), size);
        limits.hit("files:uploads:" + callerId, config.uploadsPerWindow(), config.uploadWindow());
        limits.spend("files:bytes:" + callerId, size, config.bytesPerDay().asLongValue(), DAY);
        return new Admitted(validName, type);
    }

    /** 1 byte up to the limit; PAYLOAD_TOO_LARGE above it. */
    public void requireSize(String field, long size) {
        if (size < 1) {
            throw ParleyException.badInput(field, "A file has at least one byte");
        }
        if (size > maxSize()) {
            throw new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE, "Files are at most " + maxSize() + " bytes").with("field", field);
        }
    }

    public long maxSize() {
        return config.maxSize().asLongValue();
    }

    static ParleyException deniedType(String field, String type) {
        return ParleyException.badInput(field, "Files of type " + type + " cannot be shared").with("subCode", "DENIED_TYPE");
    }
}
