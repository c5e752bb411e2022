package dev.parley.platform.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TableBootstrapTest {

    @Inject
    Dynamo dynamo;

    @Inject
    TableBootstrap bootstrap;

    @Inject
    Tables tables;

    @Test
    void everyTableAndIndexExistsWithItsTtlAndStartingAgainChangesNothing() {
        bootstrap.createMissingTables();
        for (Table table : Table.values()) {
            var description = dynamo.client().describeTable(b -> b.tableName(tables.name(table))).table();
            List<String> indexes = description.hasGlobalSecondaryIndexes()
                    ? description.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList() : List.of();
            assertEquals(table.indexes().stream().map(Table.Index::name).sorted().toList(), indexes.stream().sorted().toList(), table.name());
            table.ttlAttribute().ifPresent(attribute -> assertEquals(attribute, dynamo.client()
                    .describeTimeToLive(b -> b.tableName(tables.name(table))).timeToLiveDescription().attributeName()));
        }
        assertTrue(dynamo.client().describeTable(b -> b.tableName(tables.name(Table.MESSAGES))).table().streamSpecification().streamEnabled());
    }

    @Test
    void anIndexMissingFromAnOlderTableIsAdded() {
        String name = "parley-bootstrap-check-" + System.nanoTime();
        dynamo.client().createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("workspaceId").attributeType("S"), a -> a.attributeName("channelId").attributeType("S"))
                .keySchema(k -> k.attributeName("workspaceId").keyType("HASH"), k -> k.attributeName("channelId").keyType("RANGE")));
        try {
            TableBootstrap scoped = new TableBootstrap(dynamo.client(), new Tables("parley-") {
                @Override
                public String name(Table table) {
                    return table == Table.CHANNELS ? name : tables.name(table);
                }
            }, null);
            scoped.createMissingTables();
            List<String> indexes = dynamo.client().describeTable(b -> b.tableName(name)).table().globalSecondaryIndexes().stream()
                    .map(i -> i.indexName()).sorted().toList();
            assertEquals(List.of("ChannelIdIndex", "PublicChannelsIndex"), indexes);
        } finally {
            dynamo.client().deleteTable(b -> b.tableName(name));
        }
    }
}
