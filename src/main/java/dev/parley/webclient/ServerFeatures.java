package dev.parley.webclient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Which optional parts of the API this server has, read from its own schema, so the web client
 * shows uploads and search exactly when the server offers them. Introspection is off in production,
 * so the client cannot ask the schema itself.
 */
@ApplicationScoped
public class ServerFeatures {

    private final Instance<GraphQLSchema> schema;
    private volatile String json;

    public ServerFeatures(Instance<GraphQLSchema> schema) {
        this.schema = schema;
    }

    /** {@code {"files": …, "search": …}}: uploads with attachments on messages; search. */
    public String json() {
        if (json == null) {
            GraphQLSchema current = schema.get();
            boolean files = has(current.getMutationType(), "createUpload") && has(current.getMutationType(), "completeUpload")
                    && has(current.getObjectType("Message"), "files");
            boolean search = has(current.getQueryType(), "search");
            json = "{\"files\":" + files + ",\"search\":" + search + "}";
        }
        return json;
    }

    private static boolean has(GraphQLObjectType type, String field) {
        return type != null && type.getFieldDefinition(field) != null;
    }
}
