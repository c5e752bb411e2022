package dev.parley.channel;

public enum ChannelKind {
    PUBLIC,
    PRIVATE,
    DIRECT,
    GROUP;

    /** A 1:1 or group direct message. */
    public boolean isDirect() {
        return this == DIRECT || this == GROUP;
    }
}
