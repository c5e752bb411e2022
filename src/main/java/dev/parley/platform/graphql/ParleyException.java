package dev.parley.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.platform.json.Json;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * A failure the client is meant to see: a code from docs/API.md, a human message, and extensions
 * such as the offending input {@code field}. Implementing {@link GraphQLError} is what makes
 * SmallRye GraphQL copy {@link #getExtensions()} into the response.
 */
public class ParleyException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ParleyException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
        extensions.put("code", code.name());
    }

    public static ParleyException notFound(String what) {
        return new ParleyException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ParleyException badInput(String field, String message) {
        return new ParleyException(ErrorCode.BAD_USER_INPUT, message).with("field", field);
    }

    public static ParleyException unauthenticated() {
        return unauthenticated("Sign in to continue");
    }

    public static ParleyException unauthenticated(String message) {
        return new ParleyException(ErrorCode.UNAUTHENTICATED, message);
    }

    public static ParleyException forbidden(String message) {
        return new ParleyException(ErrorCode.FORBIDDEN, message);
    }

    public static ParleyException conflict(String message) {
        return new ParleyException(ErrorCode.CONFLICT, message);
    }

    public static ParleyException rateLimited(long retryAfterSeconds) {
        return new ParleyException(ErrorCode.RATE_LIMITED, "Too many attempts; try again later")
                .with("retryAfterSeconds", retryAfterSeconds);
    }

    public static ParleyException internal() {
        return new ParleyException(ErrorCode.INTERNAL, "Internal error");
    }

    public ParleyException with(String extension, Object value) {
        // SmallRye writes non-JSON values as strings; numbers must stay numbers for clients.
        extensions.put(extension, value instanceof Number number ? Json.createValue(number.longValue()) : value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return null;
    }
}
