package dev.parley.auth;

import static dev.parley.platform.dynamodb.Items.bool;
import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Sessions are refresh-token families (RFC 9700 4.14.2) in the RefreshTokens table: a family item
 * {@code F#<sessionId>} that can be revoked, and one item per refresh token {@code T#<sha256>} that
 * remembers when it was used. Only hashes are stored; the token itself exists only at the client.
 * Both carry {@code expiresAt} (the TTL attribute), moved ahead by every rotation.
 */
@ApplicationScoped
class SessionStore {

    private static final String ID = "tokenId";

    private final Dynamo dynamo;

    SessionStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** A stored refresh token: which session it belongs to, and when it was rotated (null: not yet). */
    record StoredToken(String sessionId, String userId, Instant usedAt, Instant expiresAt) {
        boolean used() {
            return usedAt != null;
        }
    }

    List<TransactWriteItem> newSession(String sessionId, String userId, String refreshToken, Instant expiresAt) {
        return List.of(
                dynamo.putNew(Table.REFRESH_TOKENS, Dynamo.item(ID, s(familyId(sessionId)), "userId", s(userId),
                        "revoked", bool(false), "expiresAt", n(expiresAt.getEpochSecond()))),
                tokenCreation(sessionId, userId, refreshToken, expiresAt));
    }

    Optional<StoredToken> find(String refreshToken) {
        return dynamo.get(Table.REFRESH_TOKENS, Items.key(ID, tokenId(refreshToken))).map(item -> new StoredToken(
                str(item, "sessionId"), str(item, "userId"), Items.time(item, "usedAt"),
                Instant.ofEpochSecond(Items.num(item, "expiresAt"))));
    }

    /** Whether the session exists and was not revoked. */
    boolean alive(String sessionId) {
        return dynamo.get(Table.REFRESH_TOKENS, Items.key(ID, familyId(sessionId)))
                .filter(family -> !Items.bool(family, "revoked")).isPresent();
    }

    /**
     * The writes that rotate {@code used} into {@code next}, in this order: mark the old token used
     * (fails if it already was: a concurrent refresh or a replay), move the session's end to
     * {@code expiresAt} (fails if it was revoked), store the new token, which ends then too.
     */
    List<TransactWriteItem> rotation(String used, StoredToken stored, String next, Instant expiresAt) {
        TransactWriteItem markUsed = dynamo.update(Table.REFRESH_TOKENS, Items.key(ID, tokenId(used)), "SET usedAt = :now",
                Map.of(), Map.of(":now", time(Instant.now())), "attribute_exists(tokenId) AND attribute_not_exists(usedAt)");
        TransactWriteItem extendSession = dynamo.update(Table.REFRESH_TOKENS, Items.key(ID, familyId(stored.sessionId())),
                "SET expiresAt = :end", Map.of(), Map.of(":end", n(expiresAt.getEpochSecond()), ":no", bool(false)),
                "attribute_exists(tokenId) AND revoked = :no");
        return List.of(markUsed, extendSession, tokenCreation(stored.sessionId(), stored.userId(), next, expiresAt));
    }

    /** Revokes the session (false when there is no such session). */
    boolean revoke(String sessionId) {
        try {
            dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.REFRESH_TOKENS))
                    .key(Items.key(ID, familyId(sessionId)))
                    .updateExpression("SET revoked = :yes")
                    .conditionExpression("attribute_exists(tokenId)")
                    .expressionAttributeValues(Map.of(":yes", bool(true))));
            return true;
        } catch (ConditionalCheckFailedException noSuchSession) {
            return false;
        }
    }

    private TransactWriteItem tokenCreation(String sessionId, String userId, String refreshToken, Instant expiresAt) {
        Map<String, AttributeValue> item = Dynamo.item(ID, s(tokenId(refreshToken)), "sessionId", s(sessionId),
                "userId", s(userId), "expiresAt", n(expiresAt.getEpochSecond()));
        return dynamo.putNew(Table.REFRESH_TOKENS, item);
    }

    private static String familyId(String sessionId) {
        return "F#" + sessionId;
    }

    private static String tokenId(String refreshToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return "T#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
