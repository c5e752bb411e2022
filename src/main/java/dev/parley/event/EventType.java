package dev.parley.event;

/** What happened, as clients see it in {@code Event.type}. */
public enum EventType {
    MESSAGE_CREATED,
    MESSAGE_EDITED,
    MESSAGE_DELETED,
    REACTION_ADDED,
    REACTION_REMOVED,
    THREAD_UPDATED,
    CHANNEL_UPDATED,
    MEMBER_JOINED,
    MEMBER_LEFT,
    CHANNEL_READ,
    TYPING,
    PRESENCE_CHANGED,
    NOTIFICATION;

    /** Durable types are kept in the channel's event log and replayed on resume; the rest are live only. */
    public boolean durable() {
        return this != TYPING && this != PRESENCE_CHANGED && this != NOTIFICATION;
    }
}
