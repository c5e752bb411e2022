package dev.parley.live.feed;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

/** Decoding what arrives on Redis topics: a malformed message is dropped (and logged), never fatal. */
public final class LiveMessages {

    private static final Logger LOG = Logger.getLogger(LiveMessages.class);

    private LiveMessages() {
    }

    public static <T> T decoded(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (RuntimeException malformed) {
            LOG.debugf("Ignoring a malformed live message: %s", malformed.getMessage());
            return null;
        }
    }
}
