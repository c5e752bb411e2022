package dev.parley.testing;

import dev.parley.notification.NotificationConsumer;
import io.quarkus.arc.Arc;

/** Notifications are stored from the log after the request: tests wait for what was committed so far. */
public final class Notified {

    private Notified() {
    }

    /** Returns once the notifications of everything committed until now are stored. */
    public static void settle() {
        Arc.container().instance(NotificationConsumer.class).get().catchUpNow();
    }
}
