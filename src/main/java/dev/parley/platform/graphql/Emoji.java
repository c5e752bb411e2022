package dev.parley.platform.graphql;

import java.util.regex.Pattern;

/**
 * Emoji as clients send them: a shortcode {@code :thumbsup:} ({@code :[a-z0-9_+-]{1,64}:}) or one
 * Unicode emoji, which may be a sequence (skin tone, ZWJ family, flag, keycap) of up to 10 code points.
 */
public final class Emoji {

    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]{1,64}:");
    private static final int MAX_SEQUENCE = 10;

    private Emoji() {
    }

    public static String validate(String field, String value) {
        if (value != null && (SHORTCODE.matcher(value).matches() || isUnicodeEmoji(value))) {
            return value;
        }
        throw ParleyException.badInput(field, "Use an emoji like :thumbsup: or 👍");
    }

    private static boolean isUnicodeEmoji(String value) {
        int[] codePoints = value.codePoints().toArray();
        if (codePoints.length == 0 || codePoints.length > MAX_SEQUENCE) {
            return false;
        }
        boolean pictograph = false;
        for (int cp : codePoints) {
            if (isPictographic(cp)) {
                pictograph = true;
            } else if (!isEmojiComponent(cp)) {
                return false;
            }
        }
        return pictograph || (codePoints.length >= 2 && codePoints[codePoints.length - 1] == 0x20E3);
    }

    static boolean isPictographic(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2190 && cp <= 0x21FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF) || cp == 0x00A9 || cp == 0x00AE
                || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139 || cp == 0x3030 || cp == 0x303D
                || cp == 0x3297 || cp == 0x3299 || (cp >= 0x25A0 && cp <= 0x25FF) || (cp >= 0x2934 && cp <= 0x2935);
    }

    /** Joiners, variation selectors, skin tones, tags, keycap bases. */
    private static boolean isEmojiComponent(int cp) {
        return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F)
                || (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }
}
