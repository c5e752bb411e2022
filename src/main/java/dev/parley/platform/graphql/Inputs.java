package dev.parley.platform.graphql;

/** Checks shared by every input: BAD_USER_INPUT naming the field, before anything is written. */
public final class Inputs {

    private Inputs() {
    }

    /** Trimmed text of {@code min..max} characters (code points). */
    public static String text(String field, String value, int min, int max) {
        String trimmed = value == null ? "" : value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw ParleyException.badInput(field, min == max ? field + " must be " + min + " characters"
                    : field + " must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }

    /** An id as Parley makes them; anything else is BAD_USER_INPUT, before any lookup. */
    public static String id(String field, String value) {
        if (!dev.parley.platform.security.Ids.isValid(value)) {
            throw ParleyException.badInput(field, field + " is not a valid id");
        }
        return value;
    }

    /** Like {@link #text} but null stays null (an optional input left out). */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }
}
