package dev.parley.platform.dynamodb;

import static dev.parley.platform.dynamodb.Items.s;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Uniqueness that DynamoDB indexes cannot enforce (an email, a channel name in a workspace): a claim
 * item per value, written with a condition inside the same transaction as the thing that owns it, so
 * two concurrent creators can never both win.
 */
@ApplicationScoped
public class UniqueKeys {

    private static final String KEY = "uniqueKey";
    private static final String OWNER = "ownerId";

    private final Dynamo dynamo;

    public UniqueKeys(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** A transaction item that fails when {@code key} is already claimed. */
    public TransactWriteItem claim(String key, String ownerId) {
        return dynamo.putNew(Table.UNIQUE_KEYS, Dynamo.item(KEY, s(key), OWNER, s(ownerId)));
    }

    /** A transaction item that frees {@code key}, if {@code ownerId} still holds it. */
    public TransactWriteItem release(String key, String ownerId) {
        return dynamo.delete(Table.UNIQUE_KEYS, Items.key(KEY, key), "#o = :o", java.util.Map.of("#o", OWNER),
                java.util.Map.of(":o", s(ownerId)));
    }

    public Optional<String> ownerOf(String key) {
        return dynamo.get(Table.UNIQUE_KEYS, Items.key(KEY, key)).map(item -> Items.str(item, OWNER));
    }
}
