package dev.parley.file;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.parley.platform.graphql.ErrorBoundary;
import dev.parley.platform.security.CurrentCaller;
import dev.parley.user.User;
import dev.parley.user.UserService;
import io.smallrye.graphql.api.Nullable;

@GraphQLApi
@ErrorBoundary
public class FileGraphQL {

    private final FileService files;
    private final FileLinks links;
    private final UserService users;
    private final CurrentCaller caller;

    public FileGraphQL(FileService files, FileLinks links, UserService users, CurrentCaller caller) {
        this.files = files;
        this.links = links;
        this.users = users;
        this.caller = caller;
    }

    @Mutation
    @Description("Step 1 of an upload: checks name, type and size, then signs a PUT of exactly that type and size to storage.")
    public @NonNull Upload createUpload(@NonNull CreateUploadInput input) {
        return files.createUpload(caller.userId(), input);
    }

    @Mutation
    @Description("Step 2: checks the stored bytes (size, real type) and makes thumbnails of images. Idempotent.")
    public @NonNull StoredFile completeUpload(@NonNull @Id String fileId) {
        return files.complete(caller.userId(), fileId);
    }

    @Query
    @Description("A file the caller uploaded or can see in a message.")
    public StoredFile file(@NonNull @Id String id) {
        return files.get(caller.userId(), id);
    }

    @Query
    @Description("Newest first. With channelId: the files of the channel's messages (by userId if given); otherwise the uploads"
            + " of userId (default: the caller) that the caller can see.")
    public @NonNull FileConnection files(@Nullable @Id String channelId, @Nullable @Id String userId, @Nullable Integer first,
            @Nullable String after) {
        var page = files.list(caller.userId(), channelId, userId, first, after);
        return new FileConnection(page.items(), page.hasMore());
    }

    @Description("The file itself: shown in the browser for raster images, downloaded under its name otherwise.")
    public @NonNull List<@NonNull String> url(@Source List<StoredFile> page) {
        return linksTo(page, FileVariant.ORIGINAL);
    }

    @Description("About 360 px on the longer side, upright; for images the server could read.")
    public List<@Nullable String> thumbnailUrl(@Source List<StoredFile> page) {
        return linksTo(page, FileVariant.THUMBNAIL);
    }

    @Description("About 1,600 px on the longer side, upright; for images the server could read.")
    public List<@Nullable String> previewUrl(@Source List<StoredFile> page) {
        return linksTo(page, FileVariant.PREVIEW);
    }

    public @NonNull List<@NonNull User> uploader(@Source List<StoredFile> page) {
        Map<String, User> found = users.byId(page.stream().map(StoredFile::uploaderId).toList());
        return page.stream().map(file -> found.get(file.uploaderId())).toList();
    }

    private List<String> linksTo(List<StoredFile> page, FileVariant variant) {
        Instant now = Instant.now();
        return page.stream()
                .map(file -> variant == FileVariant.ORIGINAL || file.hasPreviews() ? links.link(file.id(), variant, now) : null)
                .toList();
    }
}
