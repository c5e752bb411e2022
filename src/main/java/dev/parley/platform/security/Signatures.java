package dev.parley.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Opaque tokens the server gives out and takes back, unforgeable: {@code base64url(version | key id |
 * payload | MAC)}, the MAC an HMAC-SHA256 (its first 16 bytes) over the token's purpose, the person it
 * was given to, and every byte before the MAC. So a token works only for its purpose, only for its
 * holder, and only unchanged. One instance per kind of token; a previous key is still accepted while
 * keys are rotated (tokens are then signed with the current one).
 */
public final class Signatures {

    private static final int MAC_BYTES = 16;

    private final byte[] purpose;
    private final byte version;
    private final Key current;
    private final List<Key> accepted = new ArrayList<>();

    /**
     * @param purpose     what the tokens are for (part of every MAC, so tokens of one kind are no use as another)
     * @param version     the first byte of each token: its format
     * @param key         the secret that signs
     * @param previousKey a secret that signed until recently, or null
     */
    public Signatures(String purpose, int version, String key, String previousKey) {
        this.purpose = purpose.getBytes(StandardCharsets.UTF_8);
        this.version = (byte) version;
        this.current = Key.of(key);
        accepted.add(current);
        if (previousKey != null) {
            accepted.add(Key.of(previousKey));
        }
    }

    /** The token for {@code payload}, valid only when presented by {@code holder}. */
    public String seal(String holder, byte[] payload) {
        ByteBuffer token = ByteBuffer.allocate(2 + payload.length + MAC_BYTES);
        token.put(version).put(current.id()).put(payload);
        token.put(mac(current, holder, token.array(), 2 + payload.length));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The payload of a token this server sealed for {@code holder}, or empty when it did not (or it was changed). */
    public Optional<byte[]> open(String holder, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int signed = bytes.length - MAC_BYTES;
        if (signed < 2 || bytes[0] != version) {
            return Optional.empty();
        }
        byte[] presented = Arrays.copyOfRange(bytes, signed, bytes.length);
        for (Key key : accepted) {
            // Key ids are one byte: two keys may share one, so every key with that id is tried.
            if (key.id() == bytes[1] && MessageDigest.isEqual(presented, mac(key, holder, bytes, signed))) {
                return Optional.of(Arrays.copyOfRange(bytes, 2, signed));
            }
        }
        return Optional.empty();
    }

    private byte[] mac(Key key, String holder, byte[] signedBytes, int length) {
        byte[] holderBytes = holder.getBytes(StandardCharsets.UTF_8);
        // Lengths first, so that (purpose, holder) pairs cannot run into each other. One array, one update.
        ByteBuffer signed = ByteBuffer.allocate(8 + purpose.length + holderBytes.length + length)
                .putInt(purpose.length).putInt(holderBytes.length).put(purpose).put(holderBytes).put(signedBytes, 0, length);
        return Arrays.copyOf(key.hmac().digest(signed.array()), MAC_BYTES);
    }

    private record Key(byte id, Hmac hmac) {
        static Key of(String secret) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < SharedSecrets.MIN_BYTES) {
                throw new IllegalArgumentException("a signing key needs at least " + SharedSecrets.MIN_BYTES + " bytes");
            }
            try {
                byte id = MessageDigest.getInstance("SHA-256").digest(bytes)[0];
                return new Key(id, new Hmac(secret));
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
