package dev.parley.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code Content-Type} of a POST to /graphql says its body is. The header is read as the
 * list HTTP allows: a browser running GraphiQL sends {@code application/json, application/json}
 * (the page and GraphiQL each set it, and fetch joins the two), which is JSON because every entry
 * is. Anything that is not JSON or a GraphQL document is refused: text/plain, form and multipart
 * posts are what a browser sends cross-site without a CORS preflight (the CSRF defence).
 * Parameters must be well formed, and a charset, if given, is UTF-8, the only one JSON has.
 */
enum GraphQLContentType {
    JSON("application/json"),
    GRAPHQL_DOCUMENT("application/graphql");

    static final String HEADER = "Content-Type";

    private final String mediaType;

    GraphQLContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The body type the header declares, or a {@link RefusedRequest} saying why it is not served. */
    static GraphQLContentType of(String header) {
        GraphQLContentType declared = null;
        for (String entry : splitOutsideQuotes(header == null ? "" : header, ',')) {
            if (entry.isBlank()) {
                continue;
            }
            List<String> parts = splitOutsideQuotes(entry, ';');
            GraphQLContentType type = named(parts.get(0).trim().toLowerCase(Locale.ROOT));
            if (type == null || (declared != null && declared != type)) {
                throw notGraphQL();
            }
            parts.subList(1, parts.size()).forEach(GraphQLContentType::checkParameter);
            declared = type;
        }
        if (declared == null) {
            throw notGraphQL();
        }
        return declared;
    }

    private static GraphQLContentType named(String mediaType) {
        for (GraphQLContentType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        return null;
    }

    private static void checkParameter(String parameter) {
        if (parameter.isBlank()) {
            return; // "application/json;" is sloppy but unambiguous
        }
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? "" : parameter.substring(0, equals).trim();
        String value = equals < 0 ? "" : unquote(parameter.substring(equals + 1).trim());
        if (!isToken(name) || value == null) {
            throw new RefusedRequest(400, HEADER, "Malformed Content-Type header");
        }
        if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
            throw new RefusedRequest(415, HEADER, "Send GraphQL requests in UTF-8 (charset=utf-8)");
        }
    }

    private static RefusedRequest notGraphQL() {
        return new RefusedRequest(415, HEADER, "Send GraphQL requests as application/json");
    }

    /** A parameter value: a token, or a quoted string without its quotes; null if it is neither. */
    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return isToken(value) ? value : null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i == value.length() - 1 ? text.toString() : null;
            }
            if (c == '\\' && ++i < value.length()) {
                c = value.charAt(i);
            }
            text.append(c);
        }
        return null;
    }

    /** RFC 9110's token: letters, digits and {@code !#$%&'*+-.^_`|~}. */
    private static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
    }

    /** Splits at {@code separator} where it is not inside a quoted string. */
    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                pieces.add(text.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    }
}
