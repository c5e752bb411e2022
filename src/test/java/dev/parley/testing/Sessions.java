package dev.parley.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The RefreshTokens items of a session, as stored: its family item and its tokens' items. */
@ApplicationScoped
public class Sessions {

    private final StoredItems stored;

    public Sessions(StoredItems stored) {
        this.stored = stored;
    }

    /** An item's TTL attribute (epoch seconds) and flags. */
    public record Stored(long expiresAt, boolean revoked, boolean used) {
    }

    public Stored family(String sessionId) {
        return read("F#" + sessionId);
    }

    public Stored token(String refreshToken) {
        return read("T#" + sha256(refreshToken));
    }

    /** The session an access token belongs to (its {@code sid} claim). */
    public static String sessionIdOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonPath(payload).getString("sid");
    }

    private Stored read(String tokenId) {
        Map<String, AttributeValue> item = stored.item(Table.REFRESH_TOKENS, Items.key("tokenId", tokenId))
                .orElseThrow(() -> new AssertionError("no RefreshTokens item " + tokenId));
        return new Stored(Items.num(item, "expiresAt"), item.containsKey("revoked") && Items.bool(item, "revoked"),
                item.containsKey("usedAt"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
