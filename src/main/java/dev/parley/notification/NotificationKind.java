package dev.parley.notification;

/** Why someone is notified, strongest first: one notification per message and person, of the strongest kind. */
public enum NotificationKind {
    DIRECT_MESSAGE,
    MENTION,
    THREAD_REPLY,
    INVITE
}
