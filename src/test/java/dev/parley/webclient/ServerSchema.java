package dev.parley.webclient;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import dev.parley.testing.GraphQLClient;

/** What the running test app's schema offers (introspection is on in tests). */
final class ServerSchema {

    private ServerSchema() {
    }

    static boolean has(String type, String field) {
        List<String> fields = GraphQLClient.anonymous()
                .execute("query($t: String!) { __type(name: $t) { fields { name } } }", Map.of("t", type))
                .json().getList("data.__type.fields.name");
        return fields != null && fields.contains(field);
    }

    /** Skips the calling test, saying why, until the server has this operation. */
    static void assume(String type, String field) {
        Assumptions.assumeTrue(has(type, field), "skipped: the server has no " + field + " yet");
    }
}
