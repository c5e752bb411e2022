package dev.parley.channel;

public enum ChannelKind {
    PUBLIC,
    PRIVATE,
    DIRECT,
    GROUP
}
