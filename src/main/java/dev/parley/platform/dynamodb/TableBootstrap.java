package dev.parley.platform.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;

import org.jboss.logging.Logger;

import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the tables {@link Table} defines when {@code parley.dynamodb.create-tables} is on:
 * only the missing ones, so every start is safe; a concurrent creator (another pod) is tolerated.
 */
@ApplicationScoped
public class TableBootstrap {

    private static final Logger LOG = Logger.getLogger(TableBootstrap.class);

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ParleyConfig config;

    public TableBootstrap(DynamoDbClient dynamo, Tables tables, ParleyConfig config) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.dynamodb().createTables()) {
            createMissingTables();
        }
    }

    public void createMissingTables() {
        Set<String> existing = new HashSet<>(dynamo.listTablesPaginator().tableNames().stream().toList());
        List<String> created = new ArrayList<>();
        for (Table table : Table.values()) {
            String name = tables.name(table);
            if (!existing.contains(name)) {
                create(table, name);
                created.add(name);
            }
        }
        for (String name : created) {
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        }
        for (Table table : Table.values()) {
            if (existing.contains(tables.name(table))) {
                addMissingIndexes(table, tables.name(table));
            }
        }
        for (Table table : Table.values()) {
            if (created.contains(tables.name(table))) {
                table.ttlAttribute().ifPresent(attribute -> dynamo.updateTimeToLive(b -> b.tableName(tables.name(table))
                        .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true))));
            }
        }
        if (!created.isEmpty()) {
            LOG.infof("Created DynamoDB tables: %s", created);
        }
    }

    /**
     * An index added to a table's definition after the table was created (an older local
     * {@code .data/}, an existing deployment) is created on the existing table, one per call as
     * DynamoDB requires; real DynamoDB then backfills it in the background.
     */
    private void addMissingIndexes(Table table, String name) {
        Map<String, List<KeySchemaElement>> present = new java.util.HashMap<>();
        var description = dynamo.describeTable(b -> b.tableName(name)).table();
        if (description.hasGlobalSecondaryIndexes()) {
            description.globalSecondaryIndexes().forEach(index -> present.put(index.indexName(), index.keySchema()));
        }
        for (Table.Index index : table.indexes()) {
            if (present.containsKey(index.name())) {
                if (!present.get(index.name()).equals(keySchema(index.key()))) {
                    LOG.warnf("Index %s of %s has an older key schema than Parley expects; recreate the table "
                            + "(locally: delete .data/)", index.name(), name);
                }
                continue;
            }
            Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
            collect(index.key(), attributes);
            dynamo.updateTable(b -> b.tableName(name)
                    .attributeDefinitions(definitions(attributes))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.name()).keySchema(keySchema(index.key()))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));
            LOG.infof("Adding index %s to %s", index.name(), name);
            if (!awaitIndex(name, index.name())) {
                LOG.warnf("Index %s of %s is still being built; further missing indexes are added at the next start", index.name(), name);
                return;
            }
        }
    }

    /** Waits (a minute at most) for an index to become ACTIVE: DynamoDB builds one index per table at a time. */
    private boolean awaitIndex(String table, String index) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean active = dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                    .anyMatch(i -> i.indexName().equals(index) && i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void create(Table table, String name) {
        Map<String, ScalarAttributeType> keyAttributes = new LinkedHashMap<>();
        collect(table.key(), keyAttributes);
        table.indexes().forEach(index -> collect(index.key(), keyAttributes));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(table.key()))
                .attributeDefinitions(definitions(keyAttributes));
        if (!table.indexes().isEmpty()) {
            request.globalSecondaryIndexes(table.indexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keySchema(index.key()))
                            .projection(p -> p.projectionType(ProjectionType.ALL))
                            .build())
                    .toList());
        }
        if (table.stream()) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyCreatedByAnotherPod) {
            LOG.debugf("Table %s appeared meanwhile", name);
        }
    }

    private static void collect(Table.Key key, Map<String, ScalarAttributeType> into) {
        into.put(key.partition(), ScalarAttributeType.S);
        key.sortKey().ifPresent(sort -> into.put(sort, key.numericSort() ? ScalarAttributeType.N : ScalarAttributeType.S));
    }

    private static List<AttributeDefinition> definitions(Map<String, ScalarAttributeType> attributes) {
        return attributes.entrySet().stream()
                .map(a -> AttributeDefinition.builder().attributeName(a.getKey()).attributeType(a.getValue()).build()).toList();
    }

    private static List<KeySchemaElement> keySchema(Table.Key key) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(key.partition()).keyType(KeyType.HASH).build());
        key.sortKey().ifPresent(sort -> schema.add(KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build()));
        return schema;
    }
}
