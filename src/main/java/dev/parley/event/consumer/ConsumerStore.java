package dev.parley.event.consumer;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Backoff;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The LogConsumers table: per consumer name, checkpoints by channel ({@code C#channelId}: {@code seq},
 * the last event handled), leases by log partition ({@code L#partition}: {@code owner},
 * {@code leaseUntil}, {@code watermark}), the pods taking part ({@code P#podId}: {@code aliveUntil}, and
 * {@code expiresAt} for TTL) and the consumer's first run ({@code S}: {@code at}).
 */
@ApplicationScoped
public class ConsumerStore {

    private static final String CONSUMER = "consumer";
    private static final String ITEM = "itemKey";
    private static final int BATCH_WRITE_LIMIT = 25;

    private final Dynamo dynamo;

    public ConsumerStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** When the consumer first ran (recorded by the first pod to ask, {@code now} if that is this one). */
    public Instant firstRun(String consumer, Instant now) {
        try {
            dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.LOG_CONSUMERS))
                    .item(Map.of(CONSUMER, s(consumer), ITEM, s("S"), "at", time(now)))
                    .conditionExpression("attribute_not_exists(itemKey)"));
            return now;
        } catch (ConditionalCheckFailedException recorded) {
            return dynamo.get(Table.LOG_CONSUMERS, key(consumer, "S")).map(item -> Items.time(item, "at")).orElse(now);
        }
    }

    /** The checkpoints stored for these channels (channels with none are absent). */
    public Map<String, Long> checkpoints(String consumer, Collection<String> channelIds) {
        Map<String, Long> found = new HashMap<>();
        dynamo.getAll(Table.LOG_CONSUMERS, channelIds.stream().map(id -> key(consumer, "C#" + id)).toList())
                .forEach(item -> found.put(str(item, ITEM).substring(2), num(item, "seq")));
        return found;
    }

    /** Stores the checkpoints, 25 to a batch (a lost race with another pod only makes it replay, idempotently). */
    public void saveCheckpoints(String consumer, Map<String, Long> checkpoints) {
        List<WriteRequest> writes = new ArrayList<>();
        checkpoints.forEach((channelId, seq) -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of(CONSUMER, s(consumer), ITEM, s("C#" + channelId), "seq", n(seq))).build()).build()));
        String table = dynamo.name(Table.LOG_CONSUMERS);
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> batch = Map.of(table, writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
            for (int attempt = 0; !batch.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> pending = batch;
                var unprocessed = dynamo.client().batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
                batch = unprocessed == null ? Map.of() : unprocessed;
                Backoff.before(attempt, !batch.isEmpty());
            }
        }
    }

    /**
     * Takes or keeps the partition's lease for {@code podId} until {@code until} (free, expired by
     * {@code now}, or ours already), storing {@code watermark} when given: the watermark stored, or empty
     * when another pod holds the lease.
     */
    public Optional<Lease> hold(String consumer, String partition, String podId, Instant until, Instant now, Instant watermark) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":me", s(podId), ":until", n(until.toEpochMilli()),
                ":now", n(now.toEpochMilli())));
        String update = watermark == null ? "SET #owner = :me, leaseUntil = :until" : "SET #owner = :me, leaseUntil = :until, watermark = :w";
        if (watermark != null) {
            values.put(":w", time(watermark));
        }
        try {
            Map<String, AttributeValue> item = dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.LOG_CONSUMERS))
                    .key(key(consumer, "L#" + partition)).updateExpression(update)
                    .conditionExpression("attribute_not_exists(#owner) OR leaseUntil < :now OR #owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner")).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(new Lease(partition, Items.time(item, "watermark")));
        } catch (ConditionalCheckFailedException heldByAnother) {
            return Optional.empty();
        }
    }

    /** Gives the lease up (if still ours) so that another pod may take it at once. */
    public void release(String consumer, String partition, String podId) {
        try {
            dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.LOG_CONSUMERS))
                    .key(key(consumer, "L#" + partition)).updateExpression("REMOVE #owner, leaseUntil")
                    .conditionExpression("#owner = :me").expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", s(podId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // someone else holds it now: nothing to give up
        }
    }

    /** Says this pod takes part until {@code until}; answers how many pods do now (at least one: this one). */
    public int alivePods(String consumer, String podId, Instant until, Instant now) {
        dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.LOG_CONSUMERS)).item(Map.of(CONSUMER, s(consumer),
                ITEM, s("P#" + podId), "aliveUntil", n(until.toEpochMilli()), "expiresAt", n(until.getEpochSecond() + 3600))));
        var query = dynamo.queryOn(Table.LOG_CONSUMERS).consistentRead(true)
                .keyConditionExpression("#c = :c AND begins_with(#k, :p)")
                .expressionAttributeNames(Map.of("#c", CONSUMER, "#k", ITEM))
                .expressionAttributeValues(Map.of(":c", s(consumer), ":p", s("P#"))).build();
        long alive = dynamo.queryAll(query).stream().filter(item -> num(item, "aliveUntil") > now.toEpochMilli()).count();
        return (int) Math.max(1, alive);
    }

    /** This pod no longer takes part. */
    public void leave(String consumer, String podId) {
        dynamo.client().deleteItem(b -> b.tableName(dynamo.name(Table.LOG_CONSUMERS)).key(key(consumer, "P#" + podId)));
    }

    private static Map<String, AttributeValue> key(String consumer, String itemKey) {
        return Map.of(CONSUMER, s(consumer), ITEM, s(itemKey));
    }

    /** A lease held: the partition and how far its heads have been looked at (null: not yet). */
    public record Lease(String partition, Instant watermark) {
    }
}
