package dev.parley.notification;

/**
 * ALL: mentions, direct messages and replies in threads one started or replied in. MENTIONS:
 * mentions and direct messages only. NONE: nothing.
 */
public enum NotifyLevel {
    ALL,
    MENTIONS,
    NONE
}
