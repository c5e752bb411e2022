package dev.parley.platform.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** Everything under {@code parley.} in application.properties, typed. */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    Dynamo dynamodb();

    S3 s3();

    Auth auth();

    RateLimit rateLimit();

    Graphql graphql();

    Messages messages();

    Notifications notifications();

    Live live();

    interface Live {
        /** How long a socket may stay open without {@code connection_init} (then 4408). */
        Duration initTimeout();

        /** How often the server pings each socket (the pongs keep its user online). */
        Duration pingEvery();

        /** What may wait to be written to a client that is not reading before it is disconnected. */
        MemorySize sendBuffer();
    }

    Presence presence();

    Typing typing();

    Events events();

    interface Events {
        /** How long a channel's events are kept in its log (how far back a subscriber can resume). */
        Duration retention();
    }

    interface Notifications {
        /** How long a notification is kept. */
        Duration retention();

        /** How often expired notifications are deleted (a Quarkus scheduler interval, e.g. 1h). */
        String sweepEvery();
    }

    interface Messages {
        /** Longest message text, in characters. */
        int maxLength();

        /** How long after sending the author may edit. */
        Duration editWindow();
    }

    interface Dynamo {
        String tablePrefix();

        boolean createTables();
    }

    interface S3 {
        String bucket();

        boolean createBucket();
    }

    interface Auth {
        String issuer();

        String audience();

        Duration accessTokenTtl();

        /** How long a session lasts without refreshing: each refresh moves its end this far ahead. */
        Duration refreshTokenTtl();

        /** A session ends this long after its sign-in however actively it refreshes; empty: never. */
        Optional<Duration> sessionMaxLifetime();

        /** How long a rotated refresh token still answers with its successor (concurrent refreshes, retries). */
        Duration refreshGrace();

        /** The HMAC key that derives a refresh token's successor from it (at least 32 characters). */
        String refreshKey();

        int bcryptCost();
    }

    interface RateLimit {
        SignIn auth();

        /** Sign-in limits (login, register), all counted in fixed windows of {@link #window}. */
        interface SignIn {
            Duration window();

            /** Attempts from one client address. */
            int perAddress();

            /** Attempts for one email from one address; a successful login starts the pair afresh. */
            int perEmailAndAddress();

            /** Failed logins for one email, from any address, before each further attempt is slowed down. */
            int slowDownAfter();

            /** The first slowed attempt waits this long; each further failure doubles it. */
            Duration slowDownStep();

            /** The longest an attempt waits (the account is slowed, never locked). */
            Duration slowDownMax();
        }
    }

    interface Graphql {
        boolean uiEnabled();

        int maxDepth();

        int maxComplexity();
    }

    interface Presence {
        /** Silent this long (no heartbeat from any socket): AWAY, unless the person chose a status. */
        Duration awayAfter();

        /** Silent this long: OFFLINE, whatever the person chose. */
        Duration offlineAfter();

        /** How often each pod applies silence (a Quarkus scheduler interval, e.g. 15s). */
        String sweepEvery();

        /** How long the Presence table keeps a silent person's last activity and chosen status. */
        Duration retention();
    }

    interface Typing {
        /** How long a typing indicator shows after startTyping. */
        Duration ttl();
    }
}
