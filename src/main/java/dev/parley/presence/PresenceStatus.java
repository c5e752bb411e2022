package dev.parley.presence;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("PresenceStatus")
@Description("ONLINE: connected and active. AWAY: silent for a while, or chosen. DND: do not disturb, chosen. "
        + "OFFLINE: not connected for a while, or appearing offline.")
public enum PresenceStatus {
    ONLINE,
    AWAY,
    DND,
    OFFLINE
}
