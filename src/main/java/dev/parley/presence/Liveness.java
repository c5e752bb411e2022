package dev.parley.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.redis.RedisScript;
import dev.parley.presence.PresenceStore.Stored;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Each person's liveness in Redis, shared by every pod: a hash {@code presence:user:<id>} (status,
 * choice, last heartbeat, last activity, revision) and a sorted set {@code presence:due} of when each
 * person's status next changes by silence. Every change goes through one Lua script, so it is
 * compare-and-set by construction: of two pods sweeping the same person, one changes the status and
 * the other finds nothing to do. Times come from Redis's clock, the same for every pod.
 */
@Startup // checks the configured times at start-up
@ApplicationScoped
class Liveness {

    static final String DUE = "presence:due";

    // ARGV: 1 user id, 2 op (beat | choose | sweep), 3 away ms, 4 offline ms, 5 keep ms, 6 save-every ms,
    // 7 chosen status (choose); 8-10 restored choice, last active ms (0: never), revision ('' : none given).
    // Answers {'restore'} when Redis knows nothing of the person and nothing was restored, {'gone'} for a
    // sweep of someone Redis forgot, else {changed, save, status, choice, last active ms, revision}.
    private static final RedisScript TRANSITION = new RedisScript("""
            local key, due, user, op = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
            local away, offline, keep, saveEvery = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            if redis.call('EXISTS', key) == 0 then
              if op == 'sweep' then
                redis.call('ZREM', due, user)
                return {'gone'}
              end
              if ARGV[10] == '' then return {'restore'} end
              redis.call('HSET', key, 'state', 'OFFLINE', 'choice', ARGV[8], 'active', ARGV[9], 'rev', ARGV[10], 'seen', 0, 'saved', 0)
            end
            local f = redis.call('HMGET', key, 'state', 'choice', 'active', 'rev', 'seen', 'saved')
            local state, choice = f[1], f[2]
            local active, rev, seen, saved = tonumber(f[3]), tonumber(f[4]), tonumber(f[5]), tonumber(f[6])
            if op ~= 'sweep' then
              seen = now
              if op == 'choose' then choice = ARGV[7] end
              -- appearing offline hides activity: lastActiveAt stays at the moment it was chosen
              if op == 'choose' or choice ~= 'OFFLINE' then active = now end
            end
            local silent = now - seen
            local target = choice
            if choice == 'OFFLINE' or silent >= offline then
              target = 'OFFLINE'
            elseif choice == 'ONLINE' and silent >= away then
              target = 'AWAY'
            end
            if target == 'OFFLINE' then
              redis.call('ZREM', due, user)
            else
              local deadline = seen + offline
              if target == 'ONLINE' then deadline = seen + away end
              redis.call('ZADD', due, deadline, user)
              redis.call('PEXPIRE', due, keep)
            end
            local changed = target ~= state
            local save = changed or op == 'choose' or (target ~= 'OFFLINE' and active - saved >= saveEvery)
            if save then
              rev = rev + 1
              saved = now
            end
            redis.call('HSET', key, 'state', target, 'choice', choice, 'active', active, 'rev', rev, 'seen', seen, 'saved', saved)
            redis.call('PEXPIRE', key, keep)
            return {changed and 1 or 0, save and 1 or 0, target, choice, active, rev}
            """);

    private static final RedisScript READ = new RedisScript("""
            local out = {}
            for i, key in ipairs(KEYS) do
              out[i] = redis.call('HMGET', key, 'state', 'active', 'rev')
            end
            return out
            """);

    private static final RedisScript DUE_NOW = new RedisScript("""
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
            """);

    /** What a transition did: the person's state after it, whether it changed the status, whether to store it. */
    record Step(Stored state, boolean changed, boolean save, boolean restore) {
        static final Step RESTORE = new Step(null, false, false, true);
        static final Step NOTHING = new Step(null, false, false, false);
    }

    private final ReactiveRedisDataSource redis;
    private final String awayMillis;
    private final String offlineMillis;
    private final String keepMillis;
    private final String saveEveryMillis;

    Liveness(ReactiveRedisDataSource redis, ParleyConfig config) {
        this.redis = redis;
        Duration away = config.presence().awayAfter();
        Duration offline = config.presence().offlineAfter();
        if (offline.compareTo(away) <= 0) {
            throw new IllegalStateException("parley.presence.offline-after must be longer than parley.presence.away-after");
        }
        this.awayMillis = Long.toString(away.toMillis());
        this.offlineMillis = Long.toString(offline.toMillis());
        // Long enough for the sweep to see the person go OFFLINE; after that the Presence table remembers.
        this.keepMillis = Long.toString(offline.multipliedBy(2).plusMinutes(1).toMillis());
        // While nothing changes, the stored lastActiveAt is refreshed this often (for when Redis forgets).
        this.saveEveryMillis = this.awayMillis;
    }

    /** A sign of life. {@code restore}: what the Presence table knows, when Redis asked for it (else null). */
    Uni<Step> beat(String userId, Stored restore) {
        return transition(userId, "beat", "", restore);
    }

    Uni<Step> choose(String userId, PresenceStatus choice, Stored restore) {
        return transition(userId, "choose", choice.name(), restore);
    }

    /** Applies silence to someone whose status was due to change. */
    Uni<Step> sweep(String userId) {
        return transition(userId, "sweep", "", null);
    }

    /** The people Redis knows, as everyone sees them now; people it does not know are left out. */
    Uni<Map<String, Presence>> read(List<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return READ.run(redis, userIds.stream().map(Liveness::key).toList()).map(reply -> {
            Map<String, Presence> found = new HashMap<>();
            for (int i = 0; i < userIds.size(); i++) {
                Response fields = reply.get(i);
                if (fields != null && fields.get(0) != null) {
                    found.put(userIds.get(i), new Presence(userIds.get(i), PresenceStatus.valueOf(fields.get(0).toString()),
                            instant(fields.get(1).toLong()), fields.get(2).toLong()));
                }
            }
            return found;
        });
    }

    /** People whose status is due to change by silence now (at most {@code limit}). */
    Uni<List<String>> due(int limit) {
        return DUE_NOW.run(redis, List.of(DUE), Integer.toString(limit)).map(reply -> {
            List<String> userIds = new ArrayList<>();
            reply.forEach(userId -> userIds.add(userId.toString()));
            return userIds;
        });
    }

    private Uni<Step> transition(String userId, String op, String choice, Stored restore) {
        String[] args = {userId, op, awayMillis, offlineMillis, keepMillis, saveEveryMillis, choice,
                restore == null ? "" : restore.choice().name(),
                restore == null ? "" : Long.toString(millis(restore.presence().lastActiveAt())),
                restore == null ? "" : Long.toString(restore.presence().revision())};
        return TRANSITION.run(redis, List.of(key(userId), DUE), args).map(reply -> step(userId, reply));
    }

    private static Step step(String userId, Response reply) {
        String first = reply.get(0).toString();
        if ("restore".equals(first)) {
            return Step.RESTORE;
        }
        if ("gone".equals(first)) {
            return Step.NOTHING;
        }
        Presence presence = new Presence(userId, PresenceStatus.valueOf(reply.get(2).toString()), instant(reply.get(4).toLong()),
                reply.get(5).toLong());
        return new Step(new Stored(presence, PresenceStatus.valueOf(reply.get(3).toString())), reply.get(0).toLong() == 1,
                reply.get(1).toLong() == 1, false);
    }

    static String key(String userId) {
        return "presence:user:" + userId;
    }

    private static long millis(Instant time) {
        return time == null ? 0 : time.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }
}
