package dev.parley.file;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.Nullable;

/**
 * A file someone uploaded, as the Files table keeps it. {@code contentType} is what its bytes were
 * found to be. {@code previewType} is set when a thumbnail and a preview were made (decodable
 * images). A file is shared by being attached to one message ({@code channelId}, {@code messageId}),
 * or used as an avatar or workspace icon ({@code use}); never both.
 */
@Type("File")
@Description("An uploaded file. url, thumbnailUrl and previewUrl are short-lived signed links; only raster images open in a"
        + " browser, anything else downloads under its name.")
public record StoredFile(
        @NonNull @Id String id,
        @NonNull String name,
        @NonNull String contentType,
        @Description("Bytes.") long size,
        @Nullable @Description("Pixels, upright (images the server could read).") Integer width,
        @Nullable @Description("Pixels, upright (images the server could read).") Integer height,
        @NonNull Instant createdAt,
        @Ignore String uploaderId,
        @Ignore FileStatus status,
        @Ignore String previewType,
        @Ignore String uploadChannelId,
        @Ignore String channelId,
        @Ignore String messageId,
        @Ignore FileUse use) {

    /** Whether a thumbnail and a preview exist beside the original. */
    @Ignore
    public boolean hasPreviews() {
        return previewType != null;
    }

    @Ignore
    public boolean isAttached() {
        return messageId != null;
    }

    /** A new upload, not yet checked. */
    static StoredFile pending(String id, String name, String declaredType, long size, Instant createdAt, String uploaderId,
            String uploadChannelId) {
        return new StoredFile(id, name, declaredType, size, null, null, createdAt, uploaderId, FileStatus.PENDING, null,
                uploadChannelId, null, null, null);
    }

    /** Meant to be attached in this channel only. */
    @Ignore
    StoredFile meantFor(String channel) {
        return new StoredFile(id, name, contentType, size, width, height, createdAt, uploaderId, status, previewType, channel,
                channelId, messageId, use);
    }

    /** After its bytes were checked: their real type and size, and the image's upright dimensions if it is one. */
    @Ignore
    StoredFile checked(String realType, long realSize, Integer uprightWidth, Integer uprightHeight, String madePreviewType) {
        return new StoredFile(id, name, realType, realSize, uprightWidth, uprightHeight, createdAt, uploaderId, FileStatus.READY,
                madePreviewType, uploadChannelId, channelId, messageId, use);
    }
}
