package dev.parley.search.lucene;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

import dev.parley.search.TextRange;

/**
 * Snippets as plain text with ranges: the highlighter's passages are joined with " … " and each
 * match is bracketed by two private-use characters, which {@link #parse} turns into ranges (the
 * indexer strips those characters from the text, so none occur in it otherwise). The OpenSearch engine
 * marks its highlights with the same characters.
 */
public final class Snippets extends PassageFormatter {

    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';
    private static final String GAP = " … ";

    public record Snippet(String text, List<TextRange> highlights) {
    }

    public static String clean(String text) {
        return text.replace(OPEN, ' ').replace(CLOSE, ' ');
    }

    @Override
    public Object format(Passage[] passages, String content) {
        StringBuilder out = new StringBuilder();
        for (Passage passage : passages) {
            if (out.length() > 0) {
                out.append(GAP);
            }
            int at = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = Math.max(at, passage.getMatchStarts()[i]);
                int end = passage.getMatchEnds()[i];
                if (end <= start) {
                    continue;
                }
                out.append(content, at, start).append(OPEN).append(content, start, end).append(CLOSE);
                at = end;
            }
            out.append(content, at, passage.getEndOffset());
        }
        return out.toString();
    }

    public static Snippet parse(String marked) {
        StringBuilder text = new StringBuilder();
        List<TextRange> ranges = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN) {
                start = text.length();
            } else if (c == CLOSE) {
                if (start >= 0) {
                    ranges.add(new TextRange(start, text.length() - start));
                }
                start = -1;
            } else {
                text.append(c);
            }
        }
        return new Snippet(text.toString().strip(), ranges);
    }
}
