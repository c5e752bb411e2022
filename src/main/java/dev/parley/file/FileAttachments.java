package dev.parley.file;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How other features use files, as writes for their own transactions (no reads): attaching files
 * to a new message, hiding those of a deleted one, using an image as an avatar or workspace icon.
 * Each file is used once: attached to one message, or used as one picture. The conditions on the
 * file items are the checks: a failed one means the file is not the caller's, not completed, or in
 * use already.
 */
@ApplicationScoped
public class FileAttachments {

    public static final int MAX_PER_MESSAGE = 10;

    private final FileStore store;
    private final ParleyConfig.Files config;

    public FileAttachments(FileStore store, ParleyConfig config) {
        this.store = store;
        this.config = config.files();
    }

    /** The ids, distinct and in order (none for null); BAD_USER_INPUT on {@code fileIds} for a bad id or more than ten. */
    public List<String> validIds(List<String> fileIds) {
        if (fileIds == null) {
            return List.of();
        }
        List<String> ids = fileIds.stream().map(id -> Inputs.id("fileIds", id)).distinct().toList();
        if (ids.size() > MAX_PER_MESSAGE) {
            throw ParleyException.badInput("fileIds", "A message has at most " + MAX_PER_MESSAGE + " files");
        }
        return ids;
    }

    /**
     * The writes that attach {@link #validIds valid} files to a new message, for its send transaction;
     * a failed one is {@link #notAttachable()}.
     */
    public List<TransactWriteItem> attaching(String senderId, String channelId, String messageId, List<String> fileIds) {
        return fileIds.stream().map(fileId -> store.attaching(fileId, senderId, channelId, messageId)).toList();
    }

    /** The error for a failed attaching write. */
    public static ParleyException notAttachable() {
        return ParleyException.badInput("fileIds", "Attach files you uploaded and completed, each to one message only")
                .with("subCode", "FILE_NOT_ATTACHABLE");
    }

    /**
     * The writes that hide the files of a message being deleted, for its transaction: they vanish at
     * once and leave storage after the grace period.
     */
    public List<TransactWriteItem> hiding(String messageId, List<String> fileIds, Instant at) {
        Instant removal = at.plus(config.gracePeriod());
        return fileIds.stream().map(fileId -> store.hiding(fileId, messageId, removal)).toList();
    }

    /**
     * The write that uses the caller's own uploaded image (one with previews, not attached to a
     * message) as their avatar or a workspace icon; a failed one is {@link #notAPicture(String)}.
     */
    public TransactWriteItem usingAsPicture(String callerId, String field, String fileId, FileUse use) {
        return store.using(Inputs.id(field, fileId), callerId, use);
    }

    public static ParleyException notAPicture(String field) {
        return ParleyException.badInput(field, "Use an image you uploaded and completed that is not attached to a message")
                .with("subCode", "FILE_NOT_A_PICTURE");
    }
}
