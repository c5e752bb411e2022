package dev.parley.platform.graphql;

import io.smallrye.graphql.api.AdaptToScalar;
import io.smallrye.graphql.api.Scalar;

/**
 * An element of an {@code [ID!]!} argument. SmallRye GraphQL 2.17 fails to coerce
 * {@code @Id List<String>} arguments at run time ("Unknown Scalar Type [java.util.List]") although
 * it prints {@code [ID!]!}; a list of this scalar-adapted type gives the same schema and works.
 */
@AdaptToScalar(Scalar.ID.class)
public final class IdInput {

    private final String value;

    public IdInput(String value) {
        this.value = value;
    }

    public static IdInput fromString(String value) {
        return new IdInput(value);
    }

    public static java.util.List<String> values(java.util.List<IdInput> ids) {
        return ids.stream().map(IdInput::toString).toList();
    }

    @Override
    public String toString() {
        return value;
    }
}
