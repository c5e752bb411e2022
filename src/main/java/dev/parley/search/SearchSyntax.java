package dev.parley.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import dev.parley.platform.graphql.ParleyException;

/**
 * The query language of message search (README "Search"): words (all required), {@code "exact
 * phrases"}, {@code -excluded} words and phrases, and the operators {@code in:#channel} (or
 * {@code in:<#channelId>}), {@code from:<@userId>} or {@code from:@name}, {@code before:}, {@code after:}
 * and {@code on:} with ISO dates (YYYY-MM-DD) and {@code has:file}. Anything else with a colon is a word.
 */
public record SearchSyntax(List<String> words, List<String> phrases, List<String> excluded, List<String> inChannels,
        List<String> fromUsers, LocalDate before, LocalDate after, LocalDate on, boolean hasFile) {

    public static final int MAX_LENGTH = 500;

    /** A channel operand: an id (from {@code <#id>}) or a name. */
    public static boolean isIdReference(String operand) {
        return operand.startsWith("<") && operand.endsWith(">");
    }

    /** The id inside {@code <#id>} or {@code <@id>}. */
    public static String idOf(String operand) {
        return operand.substring(2, operand.length() - 1);
    }

    public static SearchSyntax parse(String query) {
        if (query == null || query.isBlank()) {
            throw ParleyException.badInput("query", "Type something to search for");
        }
        if (query.length() > MAX_LENGTH) {
            throw ParleyException.badInput("query", "A search is at most " + MAX_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> in = new ArrayList<>();
        List<String> from = new ArrayList<>();
        LocalDate before = null;
        LocalDate after = null;
        LocalDate on = null;
        boolean hasFile = false;
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-' && i + 1 < n && !Character.isWhitespace(query.charAt(i + 1));
            int start = negated ? i + 1 : i;
            if (start < n && query.charAt(start) == '"') {
                int close = query.indexOf('"', start + 1);
                int end = close < 0 ? n : close;
                String phrase = query.substring(start + 1, end).strip();
                if (!phrase.isEmpty()) {
                    (negated ? excluded : phrases).add(phrase);
                }
                i = close < 0 ? n : close + 1;
                continue;
            }
            int end = start;
            while (end < n && !Character.isWhitespace(query.charAt(end))) {
                end++;
            }
            String token = query.substring(start, end);
            i = end;
            if (negated) {
                excluded.add(token);
                continue;
            }
            int colon = token.indexOf(':');
            String operator = colon > 0 ? token.substring(0, colon).toLowerCase() : "";
            String operand = colon > 0 ? token.substring(colon + 1) : "";
            switch (operator) {
                case "in" -> in.add(channelOperand(operand));
                case "from" -> from.add(userOperand(operand));
                case "before" -> before = date(operand);
                case "after" -> after = date(operand);
                case "on", "during" -> on = date(operand);
                case "has" -> {
                    if (!operand.equalsIgnoreCase("file") && !operand.equalsIgnoreCase("files")) {
                        throw ParleyException.badInput("query", "has: takes file");
                    }
                    hasFile = true;
                }
                default -> words.add(token);
            }
        }
        return new SearchSyntax(words, phrases, excluded, in, from, before, after, on, hasFile);
    }

    private static String channelOperand(String operand) {
        if (operand.startsWith("<#") && operand.endsWith(">") && operand.length() > 3) {
            return operand;
        }
        String name = operand.startsWith("#") ? operand.substring(1) : operand;
        if (name.isEmpty()) {
            throw ParleyException.badInput("query", "in: takes a channel, e.g. in:#general");
        }
        return name.toLowerCase();
    }

    private static String userOperand(String operand) {
        if (operand.startsWith("<@") && operand.endsWith(">") && operand.length() > 3) {
            return operand;
        }
        String name = operand.startsWith("@") ? operand.substring(1) : operand;
        if (name.isEmpty()) {
            throw ParleyException.badInput("query", "from: takes a person, e.g. from:@ada");
        }
        return name.toLowerCase();
    }

    private static LocalDate date(String operand) {
        try {
            return LocalDate.parse(operand);
        } catch (DateTimeParseException e) {
            throw ParleyException.badInput("query", "Dates are YYYY-MM-DD, e.g. before:2026-01-31");
        }
    }
}
