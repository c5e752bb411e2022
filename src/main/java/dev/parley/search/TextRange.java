package dev.parley.search;

import org.eclipse.microprofile.graphql.Type;

/** A stretch of a snippet, in UTF-16 code units: a matched word to highlight. */
@Type("TextRange")
public record TextRange(int start, int length) {
}
