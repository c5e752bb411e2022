package dev.parley.platform.graphql;

/** The error codes of docs/API.md, sent as {@code extensions.code}. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    BAD_USER_INPUT,
    CONFLICT,
    EDIT_WINDOW_CLOSED,
    RATE_LIMITED,
    PAYLOAD_TOO_LARGE,
    INTERNAL
}
