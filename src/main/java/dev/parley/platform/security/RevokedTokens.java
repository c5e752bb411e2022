package dev.parley.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.health.Degradations;
import dev.parley.platform.redis.RedisScript;
import dev.parley.platform.redis.RedisTopics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The signed-out access tokens ({@code jti}) and sessions of the whole deployment, held by each pod,
 * so checking a request costs no Redis call. Redis keeps them for pods that start or reconnect
 * ({@code auth:denied-jti:<jti>}, {@code auth:revoked-sid:<sessionId>}, expiring with the last token
 * they refuse); the {@code parley:revoked} topic tells every pod at once ({@code token:<jti>:<expires
 * epoch seconds>}, {@code session:<sessionId>}). A revocation made here counts here at once, Redis or
 * not, and one Redis could not take is offered to it again until it does.
 *
 * <p>The set is <em>current</em> while this pod is subscribed to the topic and has read Redis's keys
 * since (at start, and after every reconnect, since notices published meanwhile are lost). While it
 * is not, a sign-out made on another pod may be missing here: {@code AccessTokens} then accepts the
 * token and counts that as failing open.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final Logger LOG = Logger.getLogger(RevokedTokens.class);
    public static final String TOPIC = "parley:revoked";
    private static final String TOKEN_KEY = "auth:denied-jti:", SESSION_KEY = "auth:revoked-sid:";
    private static final String TOKEN_NOTICE = "token:", SESSION_NOTICE = "session:";
    /** Tokens are accepted this long past their expiry (the JWT check's skew), so they are refused as long. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    private static final Duration START_WAIT = Duration.ofSeconds(3);
    private static final String SCAN_PAGE_SIZE = "500";

    // One page of SCAN over the revocation keys, with each key's remaining lifetime: {cursor, key, ms, key, ms, ...}.
    private static final RedisScript SCAN_PAGE = new RedisScript("""
            local page = redis.call('SCAN', ARGV[1], 'MATCH', 'auth:*', 'COUNT', ARGV[2])
            local out = {page[1]}
            for _, key in ipairs(page[2]) do
              out[#out + 1] = key
              out[#out + 1] = redis.call('PTTL', key)
            end
            return out
            """);
    // The key for pods that start later and the notice for the running ones, in one round trip.
    private static final RedisScript SHARE = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            """);

    /** One revocation: what it names and until when (epoch ms) it matters. */
    private record Revocation(String key, String notice, String id, long until) {
    }

    private final ReactiveRedisDataSource redis;
    private final RedisTopics topics;
    private final Degradations degradations;
    private final Duration sessionHold;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private final Set<Revocation> unshared = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> sessionListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> firstCurrent = new CompletableFuture<>();
    private long losses;
    private boolean subscribed;
    private volatile boolean current;

    public RevokedTokens(ReactiveRedisDataSource redis, RedisTopics topics, Degradations degradations, ParleyConfig config) {
        this.redis = redis;
        this.topics = topics;
        this.degradations = degradations;
        // Every access token of the session was issued at most one lifetime ago.
        this.sessionHold = config.auth().accessTokenTtl().plus(CLOCK_SKEW);
    }

    void start(@Observes StartupEvent started) {
        topics.onLost(this::lost);
        topics.onReconnect(this::subscribed);
        topics.listen(TOPIC, (topic, notice) -> heard(notice)).thenRun(this::subscribed);
        try {
            firstCurrent.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("Starting without the revoked tokens from Redis (not reachable within %s); "
                    + "until they are read, sign-outs made on other pods are not checked", START_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRevoked(String tokenId, String sessionId) {
        return (tokenId != null && tokens.containsKey(tokenId)) || (sessionId != null && sessions.containsKey(sessionId));
    }

    /** Whether every revocation made anywhere has reached this pod (else a check here may fail open). */
    public boolean current() {
        return current;
    }

    /** Refuses this token everywhere until it would have expired anyway. Does not throw when Redis is down. */
    public void revokeToken(String tokenId, Instant expiresAt) {
        Revocation revocation = new Revocation(TOKEN_KEY + tokenId,
                TOKEN_NOTICE + tokenId + ":" + expiresAt.getEpochSecond(), tokenId, expiresAt.plus(CLOCK_SKEW).toEpochMilli());
        if (remember(tokens, revocation.id(), revocation.until())) {
            share(revocation);
        }
    }

    /** Refuses every access token of this session everywhere. Does not throw when Redis is down. */
    public void revokeSession(String sessionId) {
        Revocation revocation = session(sessionId, System.currentTimeMillis());
        if (remember(sessions, sessionId, revocation.until())) {
            sessionListeners.forEach(listener -> listener.accept(sessionId));
            share(revocation);
        }
    }

    /** Called once for each session revoked anywhere (also when learnt late, after a reconnect); must not block. */
    public void onSessionRevoked(Consumer<String> listener) {
        sessionListeners.add(listener);
    }

    private Revocation session(String sessionId, long now) {
        return new Revocation(SESSION_KEY + sessionId, SESSION_NOTICE + sessionId, sessionId, now + sessionHold.toMillis());
    }

    private void heard(String notice) {
        long now = System.currentTimeMillis();
        if (notice.startsWith(SESSION_NOTICE)) {
            learnSession(notice.substring(SESSION_NOTICE.length()), now + sessionHold.toMillis());
        } else if (notice.startsWith(TOKEN_NOTICE)) {
            int colon = notice.lastIndexOf(':');
            try {
                long expires = Long.parseLong(notice.substring(colon + 1));
                remember(tokens, notice.substring(TOKEN_NOTICE.length(), colon), (expires + CLOCK_SKEW.getSeconds()) * 1000);
            } catch (NumberFormatException | IndexOutOfBoundsException malformed) {
                LOG.debugf("Ignoring a malformed revocation notice: %s", notice);
            }
        }
    }

    private void learnSession(String sessionId, long until) {
        if (remember(sessions, sessionId, until)) {
            sessionListeners.forEach(listener -> listener.accept(sessionId));
        }
    }

    /** Adds or extends; true when the id was not known yet. */
    private static boolean remember(Map<String, Long> revoked, String id, long until) {
        boolean[] added = { false };
        revoked.compute(id, (same, known) -> {
            added[0] = known == null;
            return known == null ? until : Math.max(known, until);
        });
        return added[0];
    }

    // ---- keeping current ----

    private synchronized void lost() {
        losses++;
        subscribed = false;
        current = false;
    }

    private void subscribed() {
        long since;
        synchronized (this) {
            subscribed = true;
            since = losses;
        }
        shareUnshared().chain(() -> readAll("0")).subscribe().with(done -> {
            synchronized (this) {
                if (losses == since && subscribed) {
                    current = true;
                }
            }
            if (current) {
                firstCurrent.complete(null);
            }
        }, failure -> LOG.debugf("Could not read the revoked tokens from Redis: %s", failure.getMessage()));
    }

    /** Keys first, then notices: whatever is revoked after the topic is subscribed arrives as a notice. */
    private Uni<Void> readAll(String cursor) {
        return SCAN_PAGE.run(redis, List.of(), cursor, SCAN_PAGE_SIZE).chain(page -> {
            long now = System.currentTimeMillis();
            for (int i = 1; i + 1 < page.size(); i += 2) {
                String key = page.get(i).toString();
                long remaining = page.get(i + 1).toLong();
                long until = remaining >= 0 ? now + remaining : now + sessionHold.toMillis(); // -1: no expiry
                if (remaining == -2) {
                    continue; // expired between SCAN and PTTL
                }
                if (key.startsWith(TOKEN_KEY)) {
                    remember(tokens, key.substring(TOKEN_KEY.length()), until);
                } else if (key.startsWith(SESSION_KEY)) {
                    learnSession(key.substring(SESSION_KEY.length()), until);
                }
            }
            String next = page.get(0).toString();
            return "0".equals(next) ? Uni.createFrom().voidItem() : readAll(next);
        });
    }

    private void share(Revocation revocation) {
        send(revocation).subscribe().with(ok -> { }, failure -> {
            unshared.add(revocation);
            degradations.noticeUnpublished(TOPIC, failure.getMessage() + " (offered again when Redis is back)");
        });
    }

    private Uni<Void> send(Revocation revocation) {
        long remaining = revocation.until() - System.currentTimeMillis();
        if (remaining <= 0) {
            return Uni.createFrom().voidItem();
        }
        return SHARE.run(redis, List.of(revocation.key()), "revoked", Long.toString(remaining), TOPIC, revocation.notice())
                .replaceWithVoid();
    }

    private Uni<Void> shareUnshared() {
        List<Revocation> pending = List.copyOf(unshared);
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(pending.stream().map(r -> send(r).invoke(() -> unshared.remove(r))).toList())
                .andFailFast().replaceWithVoid();
    }

    /** Forgets what expired; offers Redis what it could not take; reads Redis again if that failed. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        long now = System.currentTimeMillis();
        tokens.values().removeIf(until -> until < now);
        sessions.values().removeIf(until -> until < now);
        unshared.removeIf(revocation -> revocation.until() < now);
        boolean retry;
        synchronized (this) {
            retry = subscribed && !current;
        }
        if (retry) {
            subscribed();
        } else if (!unshared.isEmpty()) {
            shareUnshared().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
