package dev.parley.file;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Page;
import dev.parley.platform.dynamodb.Table;
import dev.parley.platform.security.Ids;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Files in DynamoDB: one item per file, listed by uploader (UserFilesIndex, newest first), by channel
 * while attached to a live message (ChannelFilesIndex, sparse) and by when the sweep is due to remove
 * it (SweepIndex, sparse: uploads not completed, files of deleted messages). Times that sort
 * ({@code createdAt}, {@code sweepAt}) are written with a fixed number of digits.
 */
@ApplicationScoped
public class FileStore {

    private static final String ID = "fileId";
    private static final String UPLOADER = "uploaderId";
    private static final String CREATED = "createdAt";
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Dynamo dynamo;

    public FileStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** A file that is due to be removed, with the moment it was due as stored (what a claim compares). */
    public record Due(StoredFile file, String sweepAt) {
    }

    /** Stores a new upload; unless it is completed first, the sweep removes it from {@code sweepAt} on. */
    public void create(StoredFile file, Instant sweepAt) {
        Map<String, AttributeValue> item = toItem(file);
        item.putAll(dueAt(sweepAt));
        dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.FILES)).item(item).conditionExpression("attribute_not_exists(fileId)"));
    }

    public Optional<StoredFile> find(String fileId) {
        return dynamo.get(Table.FILES, Items.key(ID, fileId)).map(FileStore::fromItem);
    }

    public Map<String, StoredFile> findAll(Collection<String> fileIds) {
        return dynamo.getAll(Table.FILES, fileIds.stream().distinct().map(id -> Items.key(ID, id)).toList()).stream()
                .map(FileStore::fromItem).collect(Collectors.toMap(StoredFile::id, file -> file));
    }

    /**
     * Records a checked upload as READY and no longer due for the sweep; false when it is not pending
     * any more (a sweep claimed it meanwhile).
     */
    public boolean markReady(StoredFile checked) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":ready", s(FileStatus.READY.name()), ":pending",
                s(FileStatus.PENDING.name()), ":type", s(checked.contentType()), ":size", n(checked.size())));
        StringBuilder set = new StringBuilder("SET #status = :ready, contentType = :type, #size = :size");
        if (checked.width() != null) {
            set.append(", width = :w, height = :h");
            values.put(":w", n(checked.width()));
            values.put(":h", n(checked.height()));
        }
        if (checked.hasPreviews()) {
            set.append(", previewType = :p");
            values.put(":p", s(checked.previewType()));
        }
        if (checked.uploadChannelId() != null) {
            set.append(", uploadChannelId = :uc");
            values.put(":uc", s(checked.uploadChannelId()));
        }
        try {
            dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.FILES)).key(Items.key(ID, checked.id()))
                    .updateExpression(set + " REMOVE sweepDay, sweepAt").conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status", "#size", "size")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notPending) {
            return false;
        }
    }

    public void delete(String fileId) {
        dynamo.client().deleteItem(b -> b.tableName(dynamo.name(Table.FILES)).key(Items.key(ID, fileId)));
    }

    /**
     * Attaches a file to a new message, in the message's transaction: it must be the sender's, ready,
     * not attached or used elsewhere, and meant for this channel if it was meant for one.
     */
    public TransactWriteItem attaching(String fileId, String senderId, String channelId, String messageId) {
        return dynamo.update(Table.FILES, Items.key(ID, fileId), "SET channelId = :c, messageId = :m", Map.of("#status", "status"),
                Map.of(":c", s(channelId), ":m", s(messageId), ":u", s(senderId), ":ready", s(FileStatus.READY.name())),
                "uploaderId = :u AND #status = :ready AND attribute_not_exists(messageId) AND attribute_not_exists(usedAs)"
                        + " AND (attribute_not_exists(uploadChannelId) OR uploadChannelId = :c)");
    }

    /** Hides a file of a deleted message, in the deletion's transaction, and makes it due for removal at {@code sweepAt}. */
    public TransactWriteItem hiding(String fileId, String messageId, Instant sweepAt) {
        Map<String, AttributeValue> values = new HashMap<>(dueValues(sweepAt));
        values.put(":hidden", s(FileStatus.HIDDEN.name()));
        values.put(":m", s(messageId));
        return dynamo.update(Table.FILES, Items.key(ID, fileId), "SET #status = :hidden, sweepDay = :day, sweepAt = :at REMOVE channelId",
                Map.of("#status", "status"), values, "messageId = :m");
    }

    /** Marks the uploader's own ready image (one with previews, never attached) as used for an avatar or icon. */
    public TransactWriteItem using(String fileId, String uploaderId, FileUse use) {
        return dynamo.update(Table.FILES, Items.key(ID, fileId), "SET usedAs = :use", Map.of("#status", "status"),
                Map.of(":use", s(use.name()), ":u", s(uploaderId), ":ready", s(FileStatus.READY.name())),
                "uploaderId = :u AND #status = :ready AND attribute_exists(previewType) AND attribute_not_exists(messageId)");
    }

    /** Files attached to live messages of a channel, newest first, before {@code beforeFileId} (null: the newest). */
    public Page<StoredFile> inChannel(String channelId, String beforeFileId, int limit, Predicate<StoredFile> keep) {
        QueryRequest.Builder query = dynamo.queryOn(Table.FILES, "ChannelFilesIndex").scanIndexForward(false);
        if (beforeFileId == null) {
            query.keyConditionExpression("channelId = :c").expressionAttributeValues(Map.of(":c", s(channelId)));
        } else {
            query.keyConditionExpression("channelId = :c AND fileId < :before")
                    .expressionAttributeValues(Map.of(":c", s(channelId), ":before", s(beforeFileId)));
        }
        return dynamo.query(query.build(), limit, item -> keep.test(fromItem(item))).map(FileStore::fromItem);
    }

    /** One person's uploads, newest first, after the cursor's file {@code beforeFileId} (null: the newest). */
    public Page<StoredFile> uploadedBy(String uploaderId, String beforeFileId, int limit, Predicate<StoredFile> keep) {
        QueryRequest.Builder query = dynamo.queryOn(Table.FILES, "UserFilesIndex").scanIndexForward(false)
                .keyConditionExpression("uploaderId = :u").expressionAttributeValues(Map.of(":u", s(uploaderId)));
        if (beforeFileId != null) {
            // The index sorts by createdAt, which ties; its full position includes the table key.
            query.exclusiveStartKey(Map.of(ID, s(beforeFileId), UPLOADER, s(uploaderId), CREATED, s(sortable(Ids.timeOf(beforeFileId)))));
        }
        return dynamo.query(query.build(), limit, item -> keep.test(fromItem(item))).map(FileStore::fromItem);
    }

    /** Files whose removal is due by {@code now}, looking back {@code days} days. */
    public List<Due> due(Instant now, int days) {
        return java.util.stream.IntStream.rangeClosed(0, days).mapToObj(back -> day(now.minus(back, ChronoUnit.DAYS)))
                .flatMap(day -> dynamo.queryAll(dynamo.queryOn(Table.FILES, "SweepIndex")
                        .keyConditionExpression("sweepDay = :d AND sweepAt <= :now")
                        .expressionAttributeValues(Map.of(":d", s(day), ":now", s(sortable(now)))).build()).stream())
                .map(item -> new Due(fromItem(item), str(item, "sweepAt"))).toList();
    }

    /**
     * Claims a due file for removal: completion, which needs it PENDING, can no longer succeed. Several
     * pods may claim the same file; removal is idempotent. False when it is not due as seen any more.
     */
    public boolean claim(Due due) {
        try {
            dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.FILES)).key(Items.key(ID, due.file().id()))
                    .updateExpression("SET #status = :sweeping").conditionExpression("sweepAt = :seen")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sweeping", s(FileStatus.SWEEPING.name()), ":seen", s(due.sweepAt()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    static String sortable(Instant time) {
        return SORTABLE.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Map<String, AttributeValue> dueAt(Instant sweepAt) {
        return Map.of("sweepDay", s(day(sweepAt)), "sweepAt", s(sortable(sweepAt)));
    }

    private static Map<String, AttributeValue> dueValues(Instant sweepAt) {
        return Map.of(":day", s(day(sweepAt)), ":at", s(sortable(sweepAt)));
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static Map<String, AttributeValue> toItem(StoredFile file) {
        return Dynamo.item(
                ID, s(file.id()),
                UPLOADER, s(file.uploaderId()),
                CREATED, s(sortable(file.createdAt())),
                "name", s(file.name()),
                "contentType", s(file.contentType()),
                "size", n(file.size()),
                "status", s(file.status().name()),
                "uploadChannelId", file.uploadChannelId() == null ? null : s(file.uploadChannelId()));
    }

    static StoredFile fromItem(Map<String, AttributeValue> item) {
        String use = str(item, "usedAs");
        return new StoredFile(str(item, ID), str(item, "name"), str(item, "contentType"), num(item, "size"),
                optionalInt(item, "width"), optionalInt(item, "height"), Items.time(item, CREATED), str(item, UPLOADER),
                FileStatus.valueOf(str(item, "status")), str(item, "previewType"), str(item, "uploadChannelId"),
                str(item, "channelId"), str(item, "messageId"), use == null ? null : FileUse.valueOf(use));
    }

    private static Integer optionalInt(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? (int) num(item, name) : null;
    }
}
