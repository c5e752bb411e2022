package dev.parley.workspace;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Invite codes (Invites): expiry doubles as the TTL attribute; uses are counted under a condition. */
@ApplicationScoped
public class InviteStore {

    private static final String CODE = "code";

    private final Dynamo dynamo;

    public InviteStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    public void create(Invite invite, String createdBy) {
        dynamo.client().putItem(b -> b.tableName(dynamo.name(Table.INVITES)).item(Dynamo.item(
                CODE, s(invite.code()),
                "workspaceId", s(invite.workspaceId()),
                "createdBy", s(createdBy),
                "email", invite.email() == null ? null : s(invite.email()),
                "expiresAt", n(invite.expiresAt().getEpochSecond()),
                "maxUses", invite.maxUses() == null ? null : n(invite.maxUses()),
                "uses", n(0))));
    }

    public Optional<Invite> find(String code) {
        return dynamo.get(Table.INVITES, Items.key(CODE, code)).map(InviteStore::fromItem);
    }

    /** Counts one use; fails the transaction when the invite expired or has no uses left by now. */
    public TransactWriteItem use(String code, Instant now) {
        return dynamo.update(Table.INVITES, Items.key(CODE, code), "ADD uses :one", Map.of(),
                Map.of(":one", n(1), ":now", n(now.getEpochSecond())),
                "expiresAt > :now AND (attribute_not_exists(maxUses) OR uses < maxUses)");
    }

    private static Invite fromItem(Map<String, AttributeValue> item) {
        return new Invite(str(item, CODE), str(item, "workspaceId"), str(item, "email"),
                Instant.ofEpochSecond(Items.num(item, "expiresAt")),
                item.containsKey("maxUses") ? (int) Items.num(item, "maxUses") : null,
                (int) Items.num(item, "uses"));
    }
}
