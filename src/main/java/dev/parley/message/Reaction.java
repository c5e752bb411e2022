package dev.parley.message;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One emoji on one message, aggregated: how many, who, and whether the caller is among them. */
@Type("Reaction")
public record Reaction(@NonNull String emoji, int count, @Ignore List<String> userIds, boolean reactedByMe) {
}
