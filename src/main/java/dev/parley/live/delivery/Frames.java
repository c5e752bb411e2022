package dev.parley.live.delivery;

import jakarta.json.JsonObject;

/** What a socket's operations and outlets need of their socket: the protocol's side of delivery. */
public interface Frames {
    void send(JsonObject message);

    /**
     * Writes an already-encoded text message (a shared rendering, UTF-8), on the socket's event loop
     * inside a {@link DeliveryLanes lane}'s batch: flushed once when the batch ends.
     */
    void write(byte[] utf8);

    boolean isOpen();

    /** A stream's subscriber fell too far behind: the socket closes (1013), the client resumes. */
    void tooFarBehind();
}
