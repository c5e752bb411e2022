package dev.parley.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Looks at what is really stored, to assert what a request wrote or did not write. */
@ApplicationScoped
public class StoredItems {

    private final Dynamo dynamo;

    public StoredItems(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** How many user items carry this email (through the EmailIndex). */
    public int usersWithEmail(String email) {
        return dynamo.client().query(b -> b.tableName(dynamo.name(Table.USERS)).indexName("EmailIndex")
                .keyConditionExpression("email = :e")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(email)))).count();
    }

    /** The item with this key, read consistently, if there is one. */
    public Optional<Map<String, AttributeValue>> item(Table table, Map<String, AttributeValue> key) {
        return dynamo.get(table, key);
    }

    public boolean emailClaimed(String email) {
        return dynamo.get(Table.UNIQUE_KEYS, Items.key("uniqueKey", "email#" + email)).isPresent();
    }

    /** Every item of one partition, as stored. */
    public List<Map<String, AttributeValue>> partition(Table table, String partitionKeyValue) {
        return dynamo.queryAll(dynamo.queryOn(table).consistentRead(true)
                .keyConditionExpression("#pk = :v")
                .expressionAttributeNames(Map.of("#pk", table.key().partition()))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(partitionKeyValue))).build());
    }

    public int count(Table table, String partitionKeyValue) {
        return dynamo.client().query(b -> b.tableName(dynamo.name(table))
                .keyConditionExpression("#pk = :v")
                .expressionAttributeNames(Map.of("#pk", table.key().partition()))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(partitionKeyValue)))).count();
    }

    /** How many file records (any status) a person's uploads left, through UserFilesIndex. */
    public int uploadsBy(String userId) {
        return dynamo.client().query(b -> b.tableName(dynamo.name(Table.FILES)).indexName("UserFilesIndex")
                .keyConditionExpression("uploaderId = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))).count();
    }
}
