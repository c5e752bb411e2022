package dev.parley.platform.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A transaction item with what its failed condition means, so that the writer of a transaction
 * tells failures apart by meaning, not by the item's position. {@code meaning} is the writer's own
 * value (an enum constant, a record naming the request it belongs to); null means the item has no
 * condition that can fail.
 */
public record Guarded(TransactWriteItem item, Object meaning) {

    public static Guarded of(TransactWriteItem item, Object meaning) {
        return new Guarded(item, meaning);
    }

    /** An item whose condition cannot fail for a reason the writer handles (a failure is a defect). */
    public static Guarded plain(TransactWriteItem item) {
        return new Guarded(item, null);
    }
}
