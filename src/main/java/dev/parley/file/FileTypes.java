package dev.parley.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

import dev.parley.platform.config.ParleyConfig;

/**
 * What a file is, by its bytes: Apache Tika's magic-byte detector (tika-core only, never the file
 * name), and the rules built on it: which types are refused, whether bytes are what was declared,
 * and which types a browser may show inline.
 */
@ApplicationScoped
public class FileTypes {

    /** Raster images browsers display and that cannot run script; only these are served inline. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private final MediaTypeRegistry registry = TYPES.getMediaTypeRegistry();
    private final List<String> denied;

    public FileTypes(ParleyConfig config) {
        this.denied = config.files().deniedTypes().stream().map(type -> type.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** How many first bytes detection looks at. */
    public static int headLength() {
        return TYPES.getMinLength();
    }

    /** A declared type as stored: lower case, parameters dropped, aliases resolved; empty when it is not a media type. */
    public Optional<String> normalized(String declared) {
        String base = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(base).matches()) {
            return Optional.empty();
        }
        return Optional.of(registry.normalize(MediaType.parse(base)).toString());
    }

    /** Whether a type is on the deny-list: listed, a specialization of one listed (text/html's kinds), or under a listed prefix. */
    public boolean isDenied(String type) {
        MediaType media = MediaType.parse(type);
        for (String entry : denied) {
            if (entry.endsWith("*") ? type.startsWith(entry.substring(0, entry.length() - 1))
                    : media.equals(MediaType.parse(entry)) || registry.isSpecializationOf(media, MediaType.parse(entry))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The type to store for bytes declared as {@code declared} (normalized), or empty when the bytes
     * say otherwise. Detection may be coarser than the declaration (a .docx is a zip, a CSV is text)
     * or finer (text that is HTML): either is the same family. Bytes Tika cannot identify pass only
     * for a declared type that has no magic bytes to check.
     */
    public Optional<String> verified(String declared, byte[] head) {
        MediaType claimed = MediaType.parse(declared);
        MediaType found = detect(head);
        if (found.equals(claimed)) {
            return Optional.of(declared);
        }
        if (registry.isSpecializationOf(found, claimed)) {
            return Optional.of(found.toString());
        }
        if (found.equals(MediaType.OCTET_STREAM)) {
            return hasMagic(declared) ? Optional.empty() : Optional.of(declared);
        }
        return registry.isSpecializationOf(claimed, found) ? Optional.of(declared) : Optional.empty();
    }

    /** What Tika finds in these first bytes, without parameters. */
    public MediaType detect(byte[] head) {
        try {
            return TYPES.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType();
        } catch (IOException unreadable) {
            return MediaType.OCTET_STREAM;
        }
    }

    /** Whether a browser may show a file of this (verified) type inline. */
    public static boolean isInline(String type) {
        return INLINE.contains(type);
    }

    /** Looks the type up without registering it (Tika's forName would add every unknown name to the shared registry). */
    private static boolean hasMagic(String type) {
        try {
            var known = TYPES.getRegisteredMimeType(type);
            return known != null && known.hasMagic();
        } catch (MimeTypeException unknown) {
            return false;
        }
    }
}
