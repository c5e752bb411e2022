package dev.parley.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 under one secret: the one way Parley signs and derives (cursors, download links, refresh tokens). */
public final class Hmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * A Mac is not thread-safe, and getting one (a provider lookup) and keying it cost more than the MAC
     * of a cursor itself, which live delivery signs for every socket and event: one keyed Mac per thread.
     */
    private final ThreadLocal<Mac> macs;

    public Hmac(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The MAC of the parts, in order, as if they were one array. */
    public byte[] digest(byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal(); // and the Mac is ready for the next one, with the same key
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", impossible);
        }
    }

    /** The MAC of {@code text}'s UTF-8 bytes, in URL-safe base64 without padding. */
    public String ofText(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
