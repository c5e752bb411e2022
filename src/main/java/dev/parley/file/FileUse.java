package dev.parley.file;

/** What a file is used for besides being shared: an image used as an avatar or an icon is never attached to a message. */
public enum FileUse {
    AVATAR,
    WORKSPACE_ICON
}
