package dev.parley.search;

import org.eclipse.microprofile.graphql.Enum;

@Enum("SearchKind")
public enum SearchKind {
    MESSAGE,
    FILE,
    USER,
    CHANNEL
}
