package dev.parley.file;

import java.nio.charset.StandardCharsets;

import dev.parley.platform.graphql.ParleyException;

/**
 * File names are for display only (objects live under server-chosen keys), but they reach people's
 * disks through {@code Content-Disposition}: no path parts, no control or invisible formatting
 * characters (a right-to-left override can make {@code evil.exe} look like {@code exe.pdf}).
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The name, trimmed; BAD_USER_INPUT on {@code field} when it cannot be a file name. */
    static String validate(String field, String raw) {
        String name = raw == null ? "" : raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw ParleyException.badInput(field, "A file name has 1 to " + MAX_LENGTH + " characters");
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw ParleyException.badInput(field, "A file name cannot contain / or \\ or be . or ..");
        }
        boolean hidden = name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE);
        if (hidden) {
            throw ParleyException.badInput(field, "A file name cannot contain control or invisible characters");
        }
        return name;
    }

    /**
     * {@code inline} or {@code attachment} with the name twice (RFC 6266): an ASCII fallback for old
     * clients and the exact name in UTF-8 (RFC 8187).
     */
    static String contentDisposition(boolean inline, String name) {
        StringBuilder fallback = new StringBuilder();
        name.codePoints().forEach(c -> fallback.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' ? '_' : (char) c));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
