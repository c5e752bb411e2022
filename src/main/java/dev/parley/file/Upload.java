package dev.parley.file;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Upload")
@Description("Where to PUT a file's bytes: uploadUrl with exactly uploadHeaders and a body of the declared size, until expiresAt;"
        + " then completeUpload(fileId).")
public record Upload(
        @NonNull @Id String fileId,
        @NonNull String uploadUrl,
        @NonNull List<@NonNull HttpHeader> uploadHeaders,
        @NonNull Instant expiresAt) {
}
