package dev.parley.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.security.Hmac;
import dev.parley.platform.security.SharedSecrets;

/**
 * Signed download links: {@code <base>/files/<fileId>/<variant>?expires=<epoch seconds>&signature=<HMAC>}.
 * Whoever may see a file gets links that work for minutes without a token (an {@code <img src>}
 * cannot send one); {@link FileDownloadRoute} serves them. Expiry is rounded to half the lifetime,
 * so the same file gets the same link for a while and browsers can cache it.
 */
@ApplicationScoped
@Startup // a missing key stops the start, not the first download
public class FileLinks {

    private final Hmac hmac;
    private final long lifetimeSeconds;
    private final String base;

    public FileLinks(ParleyConfig config) {
        this.hmac = new Hmac(SharedSecrets.require(config.files().linkSecret(), "parley.files.link-secret", "PARLEY_FILES_LINK_SECRET",
                "signs download links"));
        this.lifetimeSeconds = Math.max(2, config.files().linkTtl().getSeconds());
        this.base = config.files().publicUrl().map(url -> url.replaceAll("/+$", "")).orElse("");
    }

    /** A link to one of a file's objects, valid from {@code now} for between half the lifetime and all of it. */
    public String link(String fileId, FileVariant variant, Instant now) {
        long step = lifetimeSeconds / 2;
        long expires = now.getEpochSecond() / step * step + lifetimeSeconds;
        return base + path(fileId, variant) + "?expires=" + expires + "&signature=" + signature(fileId, variant, expires);
    }

    /** Thumbnail links for pictures (avatars, icons) by file id, in order; null stays null. */
    public List<String> pictures(List<String> fileIds) {
        Instant now = Instant.now();
        return fileIds.stream().map(id -> id == null ? null : link(id, FileVariant.THUMBNAIL, now)).toList();
    }

    /** Whether a link's signature is ours and it has not expired. */
    public boolean valid(String fileId, FileVariant variant, long expires, String signature, Instant now) {
        if (signature == null || now.getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(signature(fileId, variant, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** How long a response to a link may be cached: until the link expires. */
    public static Duration remaining(long expires, Instant now) {
        return Duration.ofSeconds(Math.max(0, expires - now.getEpochSecond()));
    }

    static String path(String fileId, FileVariant variant) {
        return "/files/" + fileId + "/" + variant.pathName();
    }

    private String signature(String fileId, FileVariant variant, long expires) {
        return hmac.ofText(fileId + "/" + variant.pathName() + "/" + expires);
    }
}
