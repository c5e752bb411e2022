package dev.parley.file;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/**
 * What a client declares before uploading. The name is for display only; the type and size are
 * bound into the upload URL's signature, and the bytes are checked against them at completion.
 */
@Input("CreateUploadInput")
public record CreateUploadInput(
        @NonNull String fileName,
        @NonNull String contentType,
        @Description("Bytes.") long size,
        @Nullable @Id @Description("The channel the file is meant for: it can then be attached there only.") String channelId) {
}
