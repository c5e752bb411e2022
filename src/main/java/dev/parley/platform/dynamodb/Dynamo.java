package dev.parley.platform.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The few DynamoDB operations every store needs, with the chores done once: table names, strongly
 * consistent reads, batch reads in chunks of 100 with unprocessed keys retried, and transactions whose
 * failed conditions are reported by position.
 */
@ApplicationScoped
public class Dynamo {

    /** Items one transaction may hold. */
    public static final int TRANSACTION_LIMIT = 100;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final Tables tables;

    public Dynamo(DynamoDbClient client, Tables tables) {
        this.client = client;
        this.tables = tables;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name(Table table) {
        return tables.name(table);
    }

    public Optional<Map<String, AttributeValue>> get(Table table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(name(table)).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Reads many items of one table by key; order of the result is not the order of the keys. */
    public List<Map<String, AttributeValue>> getAll(Table table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_LIMIT));
            Map<String, KeysAndAttributes> request = Map.of(name(table),
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            int attempt = 0;
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(name(table), List.of()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
                Backoff.before(++attempt, !request.isEmpty());
            }
        }
        return items;
    }

    public TransactWriteItem put(Table table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(name(table)).item(item).build()).build();
    }

    /** An update inside a transaction; {@code condition} may be null. */
    public TransactWriteItem update(Table table, Map<String, AttributeValue> key, String expression,
            Map<String, String> names, Map<String, AttributeValue> values, String condition) {
        Update.Builder update = Update.builder().tableName(name(table)).key(key).updateExpression(expression)
                .conditionExpression(condition);
        if (!names.isEmpty()) {
            update.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
            update.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    /** A delete inside a transaction, under a condition. */
    public TransactWriteItem delete(Table table, Map<String, AttributeValue> key, String condition,
            Map<String, String> names, Map<String, AttributeValue> values) {
        Delete.Builder delete = Delete.builder().tableName(name(table)).key(key).conditionExpression(condition);
        if (!names.isEmpty()) {
            delete.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
            delete.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().delete(delete.build()).build();
    }

    /** A condition on an item that the transaction does not change. */
    public TransactWriteItem check(Table table, Map<String, AttributeValue> key, String condition, Map<String, AttributeValue> values) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(name(table)).key(key).conditionExpression(condition);
        if (!values.isEmpty()) {
            check.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().conditionCheck(check.build()).build();
    }

    /** A put that fails the transaction when an item with the same key exists. */
    public TransactWriteItem putNew(Table table, Map<String, AttributeValue> item) {
        String partitionKey = table.key().partition();
        return TransactWriteItem.builder().put(Put.builder().tableName(name(table)).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", partitionKey)).build()).build();
    }

    /**
     * Writes all or nothing. When a condition fails, {@code errorForFailedItem} gets the position of
     * the first item whose condition failed and returns the error meant for the client.
     */
    public void transact(List<TransactWriteItem> writes, IntFunction<RuntimeException> errorForFailedItem) {
        OptionalInt failed = tryTransact(writes);
        if (failed.isPresent()) {
            throw errorForFailedItem.apply(failed.getAsInt());
        }
    }

    /**
     * Writes all or nothing; answers the position of the first item whose condition failed, or empty
     * when everything was written. A transaction that collided with a concurrent one on the same items
     * is retried, so the loser of a race sees the winner's items and fails on its condition like any
     * later request would.
     */
    public OptionalInt tryTransact(List<TransactWriteItem> writes) {
        return attempt(writes).map(failed -> OptionalInt.of(failed.position())).orElse(OptionalInt.empty());
    }

    /** The first item whose condition failed, and the item as it was if it asked for that (else empty). */
    private record Failed(int position, Map<String, AttributeValue> old) {
    }

    private Optional<Failed> attempt(List<TransactWriteItem> writes) {
        for (int attempt = 1;; attempt++) {
            try {
                client.transactWriteItems(b -> b.transactItems(writes));
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                for (int i = 0; reasons != null && i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        return Optional.of(new Failed(i, reasons.get(i).hasItem() ? reasons.get(i).item() : Map.of()));
                    }
                }
                boolean conflict = reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || attempt == MAX_ATTEMPTS) {
                    throw cancelled;
                }
            } catch (TransactionInProgressException | TransactionConflictException busy) {
                if (attempt == MAX_ATTEMPTS) {
                    throw busy;
                }
            }
            Backoff.before(attempt, true);
        }
    }

    /**
     * One conditional update on its own (not a transaction, which costs twice the write units):
     * false when its condition failed.
     */
    public boolean tryUpdate(TransactWriteItem item) {
        Update update = item.update();
        try {
            client.updateItem(b -> b.tableName(update.tableName()).key(update.key()).updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.hasExpressionAttributeNames() ? update.expressionAttributeNames() : null)
                    .expressionAttributeValues(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    /**
     * What the first item whose condition failed means (see {@link Guarded}), and that item as it was
     * when it asked for it ({@code ReturnValuesOnConditionCheckFailure}; else empty).
     */
    public record Refusal(Object meaning, Map<String, AttributeValue> old) {
    }

    /** Writes all or nothing, like {@link #tryTransact}: empty when written, else why it was refused. */
    public Optional<Refusal> tryGuarded(List<Guarded> writes) {
        return attempt(writes.stream().map(Guarded::item).toList())
                .map(failed -> new Refusal(meaningOf(writes.get(failed.position())), failed.old()));
    }

    private static Object meaningOf(Guarded write) {
        if (write.meaning() == null) {
            throw new IllegalStateException("A transaction item without a failure meaning failed its condition: " + write.item());
        }
        return write.meaning();
    }

    /**
     * Runs a query page by page until {@code limit} items pass {@code keep} (a filter that needs
     * Java, such as a prefix match on several attributes) or the key range is exhausted.
     */
    public Page<Map<String, AttributeValue>> query(QueryRequest request, int limit, Predicate<Map<String, AttributeValue>> keep) {
        List<Map<String, AttributeValue>> kept = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder page = request.toBuilder().limit(Math.max(limit + 1, 25));
            if (start != null) {
                page.exclusiveStartKey(start);
            }
            QueryResponse response = client.query(page.build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (keep.test(item)) {
                    if (kept.size() == limit) {
                        return new Page<>(kept, true);
                    }
                    kept.add(item);
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return new Page<>(kept, false);
    }

    public Page<Map<String, AttributeValue>> query(QueryRequest request, int limit) {
        return query(request, limit, item -> true);
    }

    /** Every item of a key range (for bounded sets, such as one person's workspaces). */
    public List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    /**
     * A query of one partition, in sort-key order, starting after {@code afterSortKey} (null: from
     * the start): the shape of every cursor-paged list.
     */
    public QueryRequest.Builder partitionAfter(Table table, String index, String partitionValue, String afterSortKey) {
        QueryRequest.Builder query = index == null ? queryOn(table) : queryOn(table, index);
        Table.Key key = table.keyOf(index);
        if (afterSortKey == null) {
            return query.keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", key.partition()))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionValue)));
        }
        return query.keyConditionExpression("#pk = :pk AND #sk > :after")
                .expressionAttributeNames(Map.of("#pk", key.partition(), "#sk", key.sort()))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partitionValue), ":after", AttributeValue.fromS(afterSortKey)));
    }

    public QueryRequest.Builder queryOn(Table table) {
        return QueryRequest.builder().tableName(name(table));
    }

    public QueryRequest.Builder queryOn(Table table, String index) {
        return QueryRequest.builder().tableName(name(table)).indexName(index);
    }

    public static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                item.put((String) namesAndValues[i], (AttributeValue) value);
            }
        }
        return item;
    }
}
