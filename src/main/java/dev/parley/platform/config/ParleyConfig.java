package dev.parley.platform.config;

import java.time.Duration;
import java.util.List;
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

    Files files();

    interface Files {
        /** The largest file anyone may upload. */
        MemorySize maxSize();

        /** Media types refused before an upload and after detection; an entry ending in {@code *} is a prefix. */
        List<String> deniedTypes();

        /** How long a presigned upload URL works. */
        Duration uploadUrlTtl();

        /** How long a download link (url, thumbnailUrl, previewUrl) works, at least half of it from when it is handed out. */
        Duration linkTtl();

        /** The key download links are signed with; the same on every pod. */
        String linkSecret();

        /** Where download links point (e.g. https://files.example.com); without it they are paths on the API's own host. */
        Optional<String> publicUrl();

        /** An upload never completed is removed, object and record, this long after it was created. */
        Duration abandonAfter();

        /** The files of a deleted message are hidden at once and removed from storage this long after. */
        Duration gracePeriod();

        /** How often each pod sweeps abandoned uploads and files past their grace period (a Quarkus scheduler interval). */
        String sweepEvery();

        /** Images with more pixels than this (read from their header, before decoding) are refused. */
        long maxImagePixels();

        /** Longest side of a thumbnail, in pixels. */
        int thumbnailSize();

        /** Longest side of a preview, in pixels. */
        int previewSize();

        /** Part size of the multipart upload that streams {@code POST /files} to S3 (at least 5 MiB): the memory one upload holds. */
        MemorySize partSize();

        /** Uploads one person may start per {@link #uploadWindow}. */
        int uploadsPerWindow();

        /** The window {@link #uploadsPerWindow} counts in. */
        Duration uploadWindow();

        /** Bytes one person may upload per day. */
        MemorySize bytesPerDay();
    }

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

        Duration refreshTokenTtl();

        int bcryptCost();
    }

    interface RateLimit {
        Window auth();

        interface Window {
            Duration window();

            int perEmail();

            int perAddress();
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
