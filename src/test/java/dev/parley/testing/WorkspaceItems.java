package dev.parley.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads and nudges stored invites, for what the API cannot show or arrange (use counts, expiry). */
@ApplicationScoped
public class WorkspaceItems {

    private final Dynamo dynamo;

    public WorkspaceItems(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** Makes a stored invite expired, as if its time had run out (expiresAt in the past). */
    public void expireInvite(String code, Instant expiredAt) {
        dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.INVITES))
                .key(Items.key("code", code))
                .updateExpression("SET expiresAt = :t")
                .conditionExpression("attribute_exists(code)")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(expiredAt.getEpochSecond())))));
    }

    /** How many times the invite has been used, as stored; empty when there is no such invite. */
    public Optional<Long> inviteUses(String code) {
        return dynamo.get(Table.INVITES, Items.key("code", code)).map(item -> Items.num(item, "uses"));
    }
}
