package dev.parley.file;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelAccess;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.s3.ObjectStorage;
import dev.parley.platform.security.Ids;
import dev.parley.user.UserService;

/**
 * Uploads and who may see files. The bytes go straight to storage through a presigned PUT; the
 * record waits as PENDING until {@link #complete} has checked them. Access has one rule,
 * {@link #visibleTo}: a file is visible to its uploader and to whoever may read the channel of the
 * message it is attached to; anyone else gets NOT_FOUND, as for a file that does not exist.
 */
@ApplicationScoped
public class FileService {

    private final FileStore store;
    private final UploadRules rules;
    private final FileChecks checks;
    private final ObjectStorage storage;
    private final ChannelAccess channels;
    private final UserService users;
    private final ParleyConfig.Files config;

    public FileService(FileStore store, UploadRules rules, FileChecks checks, ObjectStorage storage, ChannelAccess channels,
            UserService users, ParleyConfig config) {
        this.store = store;
        this.rules = rules;
        this.checks = checks;
        this.storage = storage;
        this.channels = channels;
        this.users = users;
        this.config = config.files();
    }

    /** Checks what is declared, records the upload and signs a PUT bound to its type and size. */
    public Upload createUpload(String callerId, CreateUploadInput input) {
        String channelId = input.channelId() == null ? null : channels.readable(callerId, "channelId", input.channelId()).channel().id();
        StoredFile pending = begin(callerId, UploadRules.Fields.CREATE_UPLOAD, input.fileName(), input.contentType(), input.size(),
                channelId);
        ObjectStorage.PresignedPut put = storage.presignPut(FileVariant.ORIGINAL.key(pending.id()), pending.contentType(), input.size(),
                config.uploadUrlTtl());
        List<HttpHeader> headers = put.headers().entrySet().stream().map(h -> new HttpHeader(h.getKey(), h.getValue())).toList();
        return new Upload(pending.id(), put.url(), headers, put.expiresAt());
    }

    /**
     * Admits and records a new upload (PENDING, removed by the sweep unless completed in time). For
     * {@code POST /files} the size is the request's length, an upper bound until the bytes are in.
     */
    public StoredFile begin(String callerId, UploadRules.Fields fields, String name, String declaredType, long size, String channelId) {
        UploadRules.Admitted admitted = rules.admit(callerId, fields, name, declaredType, size);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StoredFile pending = StoredFile.pending(Ids.newId(now), admitted.name(), admitted.type(), size, now, callerId, channelId);
        store.create(pending, now.plus(config.abandonAfter()));
        return pending;
    }

    /**
     * Checks the stored object (there, of the declared size, its bytes of the declared type) and makes
     * the file READY, with previews for images. Completing a completed file returns it.
     */
    public StoredFile complete(String callerId, String fileId) {
        StoredFile file = store.find(Inputs.id("fileId", fileId)).filter(f -> f.uploaderId().equals(callerId))
                .orElseThrow(FileService::notFound);
        if (file.status() == FileStatus.READY) {
            return file;
        }
        if (file.status() != FileStatus.PENDING) {
            throw notFound();
        }
        String key = FileVariant.ORIGINAL.key(file.id());
        long size = storage.size(key).orElseThrow(() -> ParleyException.badInput("fileId", "Nothing was uploaded for this file yet")
                .with("subCode", "NOT_UPLOADED"));
        if (size != file.size()) {
            throw checks.refused(file, ParleyException.badInput("fileId", "The upload has " + size + " bytes, not " + file.size())
                    .with("subCode", "SIZE_MISMATCH"));
        }
        byte[] head = storage.firstBytes(key, (int) Math.min(size, FileTypes.headLength()));
        return checks.finish(file, checks.verifiedType(file, head, "fileId"), size, "fileId");
    }

    public StoredFile get(String callerId, String fileId) {
        return store.find(Inputs.id("id", fileId)).filter(visibleTo(callerId)).orElseThrow(FileService::notFound);
    }

    /**
     * Newest first. In a channel the caller may read: the files of its live messages (by
     * {@code userId} if given). Otherwise a person's uploads (the caller's own without {@code userId}),
     * those the caller may see.
     */
    public Page<StoredFile> list(String callerId, String channelId, String userId, Integer first, String after) {
        int limit = Cursors.pageSize(first);
        String key = Cursors.decode(after);
        String before = key == null ? null : Inputs.id("after", key);
        String uploaderId = userId == null ? null : Inputs.id("userId", userId);
        if (channelId != null) {
            String readable = channels.readable(callerId, "channelId", channelId).channel().id();
            return store.inChannel(readable, before, limit,
                    file -> file.status() == FileStatus.READY && (uploaderId == null || uploaderId.equals(file.uploaderId())));
        }
        if (uploaderId != null && users.visibleTo(callerId, List.of(uploaderId)).isEmpty()) {
            throw ParleyException.notFound("User");
        }
        return store.uploadedBy(uploaderId == null ? callerId : uploaderId, before, limit, visibleTo(callerId));
    }

    /** The files of each message, in the order attached (ready ones: a message sees its own files). */
    public List<List<StoredFile>> ofMessages(List<List<String>> fileIdsPerMessage) {
        List<String> all = fileIdsPerMessage.stream().flatMap(List::stream).distinct().toList();
        Map<String, StoredFile> found = all.isEmpty() ? Map.of() : store.findAll(all);
        return fileIdsPerMessage.stream().map(ids -> ids.stream().map(found::get).filter(Objects::nonNull)
                .filter(file -> file.status() == FileStatus.READY).toList()).toList();
    }

    /**
     * The one access rule for files: READY, and the caller uploaded it or may read the channel of the
     * message it is attached to (through the channel-access policy). Channel decisions are remembered
     * for the life of the predicate (one request's page).
     */
    public Predicate<StoredFile> visibleTo(String callerId) {
        Map<String, Boolean> readableChannels = new HashMap<>();
        return file -> file.status() == FileStatus.READY && (file.uploaderId().equals(callerId)
                || file.channelId() != null && readableChannels.computeIfAbsent(file.channelId(), id -> canRead(callerId, id)));
    }

    private boolean canRead(String callerId, String channelId) {
        try {
            channels.readable(callerId, "channelId", channelId);
            return true;
        } catch (ParleyException hidden) {
            return false;
        }
    }

    private static ParleyException notFound() {
        return ParleyException.notFound("File");
    }
}
