package dev.parley.file;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("HttpHeader")
public record HttpHeader(@NonNull String name, @NonNull String value) {
}
