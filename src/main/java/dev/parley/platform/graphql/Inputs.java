package dev.parley.platform.graphql;

import java.util.Set;

/** Checks shared by every input: BAD_USER_INPUT naming the field, before anything is written. */
public final class Inputs {

    private static final int ZERO_WIDTH_JOINER = 0x200D, BLACK_FLAG = 0x1F3F4, CANCEL_TAG = 0xE007F, BRAILLE_BLANK = 0x2800;
    /** Letters that draw nothing (Hangul fillers), a favourite for names that look empty. */
    private static final Set<Integer> FILLERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0);

    private Inputs() {
    }

    /**
     * One line of visible text, trimmed, of {@code min..max} characters (code points): names, titles,
     * status texts, topics. Control characters, format characters (zero-width spaces and joiners,
     * word joiner, BOM, bidirectional marks, embeddings, overrides and isolates, soft hyphen…) and
     * invisible fillers are refused, so no one can look like someone else or reorder what others
     * read; a joiner or tag inside an emoji sequence (👩‍💻, a subdivision flag) stays.
     */
    public static String text(String field, String value, int min, int max) {
        String trimmed = trim(value == null ? "" : value);
        int invisible = firstInvisible(trimmed);
        if (invisible >= 0) {
            throw ParleyException.badInput(field, String.format("%s cannot contain invisible, control or text-direction characters (U+%04X)",
                    field, invisible));
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw ParleyException.badInput(field, min == max ? field + " must be " + min + " characters"
                    : field + " must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }

    /** Like {@link #text} but null stays null (an optional input left out). */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }

    /** Whether nothing in {@code value} would show: only spaces, control, format, filler and variation characters. */
    public static boolean isBlank(String value) {
        return value.codePoints().allMatch(cp -> isSpace(cp) || isInvisible(cp) || isVariation(cp));
    }

    /** An id as Parley makes them; anything else is BAD_USER_INPUT, before any lookup. */
    public static String id(String field, String value) {
        if (!dev.parley.platform.security.Ids.isValid(value)) {
            throw ParleyException.badInput(field, field + " is not a valid id");
        }
        return value;
    }

    private static String trim(String value) {
        int start = 0, end = value.length();
        while (start < end && isSpace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isSpace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    /** The first code point that is invisible outside an emoji sequence, or -1. */
    private static int firstInvisible(String text) {
        int[] codePoints = text.codePoints().toArray();
        boolean inFlagTags = false;
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            boolean tag = cp >= 0xE0020 && cp <= CANCEL_TAG;
            if (cp == ZERO_WIDTH_JOINER && joinsEmoji(codePoints, i)) {
                continue;
            }
            if (tag && inFlagTags) {
                inFlagTags = cp != CANCEL_TAG;
                continue;
            }
            inFlagTags = cp == BLACK_FLAG;
            if (isInvisible(cp)) {
                return cp;
            }
        }
        return -1;
    }

    /** A joiner between two emoji (after the first one's variation selector, if any): 👩‍💻, 🏳️‍🌈. */
    private static boolean joinsEmoji(int[] codePoints, int joiner) {
        int before = joiner - 1;
        if (before >= 0 && codePoints[before] == 0xFE0F) {
            before--;
        }
        return before >= 0 && joiner + 1 < codePoints.length
                && Emoji.isPictographic(codePoints[before]) && Emoji.isPictographic(codePoints[joiner + 1]);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == BRAILLE_BLANK;
    }

    /** Variation selectors and the combining grapheme joiner: they change the character before them, alone they show nothing. */
    private static boolean isVariation(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x034F;
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || FILLERS.contains(cp);
    }
}
