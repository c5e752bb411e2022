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

        /** The key download links are signed with; the same on every pod (required outside tests and the local run). */
        Optional<String> linkSecret();

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

        /** Operations one socket may have running at once (beyond: an error for the new one). */
        int maxOperations();

        /** Subscribes one socket may send per second after a first burst of maxOperations (beyond: an error for the new one). */
        int subscribesPerSecond();
    }

    Presence presence();

    Typing typing();

    WebClient webClient();

    interface WebClient {
        /** Serve the reference web client at {@code /} (404 when off). */
        boolean enabled();

        /**
         * Origins the client's pages may upload to and load images from (the file storage), for its
         * Content-Security-Policy; by default the S3 endpoint's.
         */
        Optional<List<String>> fileOrigins();
    }

    Search search();

    interface Search {
        /** Which engine holds the search index: {@code lucene} (embedded, one pod) or {@code opensearch} (many pods). */
        String engine();

        /** Where the embedded Lucene index lives (a volume in Kubernetes); rebuilt from DynamoDB when missing. */
        String directory();

        /** Whether a missing or outdated index is rebuilt from DynamoDB at start-up (in the background). */
        boolean rebuildOnStart();

        /** The OpenSearch node or cluster ({@code http://host:9200}) when the engine is {@code opensearch}. */
        Optional<String> opensearchUrl();

        /** The OpenSearch index every pod shares (created with Parley's analysis and mapping when missing). */
        String opensearchIndex();

        /**
         * The bearer token of {@code POST /admin/search/rebuild} (bin/search-rebuild), which rebuilds the
         * index from DynamoDB on demand; without it that endpoint does not exist.
         */
        Optional<String> rebuildToken();
    }

    Events events();

    interface Events {
        /** How long a channel's events are kept in its log (how far back a subscriber can resume). */
        Duration retention();

        /** The secret that signs event cursors, the same on every pod (at least 32 characters). */
        Optional<String> cursorKey();

        /** The secret that signed cursors before the current one, still accepted while keys rotate. */
        Optional<String> cursorPreviousKey();

        /** How often each pod reads the heads of the channels its subscribers follow (a Quarkus scheduler interval, e.g. 3s). */
        String headCheckEvery();

        /**
         * How often each log consumer (search indexing, …) renews its leases and reads the heads of its
         * partitions for anything a lost notice missed: the longest a commit waits when Redis is away.
         */
        Duration consumeEvery();

        /** How long a pod holds a log partition's lease without renewing it; another pod takes over after that. */
        Duration consumerLease();

        /**
         * How long a log consumer collects the commits it hears of before handling them together: one
         * log read per channel, one flush and one checkpoint write per batch instead of per commit.
         */
        Duration consumerBatch();
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

        /** How many different emoji one message can carry as reactions. */
        int maxDistinctReactions();
    }

    interface Dynamo {
        /** Deployed table names carry this prefix, so several deployments can share one AWS account. */
        String tablePrefix();

        /** Create missing tables (and add missing indexes) at start-up, from the same definitions. */
        boolean createTables();
    }

    interface S3 {
        /** The bucket that holds files. */
        String bucket();

        /** Create the bucket at start-up when it is missing. */
        boolean createBucket();
    }

    interface Auth {
        /** The {@code iss} of access tokens Parley signs, and the only one it accepts. */
        String issuer();

        /** The {@code aud} of access tokens Parley signs, and the only one it accepts. */
        String audience();

        /** How long an access token is valid. */
        Duration accessTokenTtl();

        /** How long a session lasts without refreshing: each refresh moves its end this far ahead. */
        Duration refreshTokenTtl();

        /** A session ends this long after its sign-in however actively it refreshes; empty: never. */
        Optional<Duration> sessionMaxLifetime();

        /** How long a rotated refresh token still answers with its successor (concurrent refreshes, retries). */
        Duration refreshGrace();

        /** The HMAC key that derives a refresh token's successor from it (at least 32 characters; required outside tests and the local run). */
        Optional<String> refreshKey();

        /** bcrypt's cost factor for password hashes. */
        int bcryptCost();
    }

    interface RateLimit {
        SignIn auth();

        /** Sign-in limits (login, register), all counted in fixed windows of {@link #window}. */
        interface SignIn {
            /** The window in which attempts are counted. */
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

        /** Messages sent, per person. */
        Limit sendMessage();

        /** Messages mentioning @channel or @here (they notify everyone), per person, on top of sendMessage. */
        Limit mentionEveryone();

        /** Reactions added, per person. */
        Limit addReaction();

        /** Channels created, per person. */
        Limit createChannel();

        /** Direct messages started (opening one that exists is not counted), per person. */
        Limit openDirectMessage();

        /** Workspaces created, per person. */
        Limit createWorkspace();

        /** Invites created, per person. */
        Limit createInvite();

        /** At most {@code limit} per {@code window} (a fixed window counted in Redis, shared by every pod). */
        interface Limit {
            /** How many per window. */
            int limit();

            /** The window they are counted in. */
            Duration window();
        }
    }

    interface Graphql {
        /** Serve GraphiQL at /q/graphql-ui/. */
        boolean uiEnabled();

        /** The deepest nesting one operation may ask for (BAD_USER_INPUT beyond). */
        int maxDepth();

        /** The most an operation may cost (fields, multiplied by the lists above them; see QueryCost). */
        long maxCost();
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
