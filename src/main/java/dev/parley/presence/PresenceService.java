package dev.parley.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.presence.Liveness.Step;
import dev.parley.presence.PresenceStore.Stored;
import dev.parley.user.User;
import dev.parley.user.UserService;
import dev.parley.workspace.WorkspaceService;
import dev.parley.workspace.WorkspaceStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Presence is liveness: the WebSocket transport reports signs of life ({@link #connected},
 * {@link #heartbeat}), silence turns people AWAY and then OFFLINE (the sweep), and a person may choose
 * a status ({@link #set}): AWAY and DND stay until they choose ONLINE again (also across reconnects),
 * OFFLINE means "appear offline". Every change is published on the person's presence topic once and
 * stored in the Presence table. Redis holds the live state; without Redis, presence answers from the
 * Presence table and never fails the caller's request.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class);
    static final int MAX_USER_IDS = 200;
    private static final int SWEEP_BATCH = 500;
    private static final int SWEEP_CONCURRENCY = 8;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    /** Statuses that count as "online" for {@code onlineUsers}: at their desk, disturbable or not. */
    private static final Set<PresenceStatus> ONLINE = EnumSet.of(PresenceStatus.ONLINE, PresenceStatus.DND);

    private final Liveness liveness;
    private final PresenceStore store;
    private final LiveBus bus;
    private final UserService users;
    private final WorkspaceService workspaceService;
    private final WorkspaceStore workspaces;
    private final Duration retention;
    private final AtomicLong lastWarning = new AtomicLong();

    public PresenceService(Liveness liveness, PresenceStore store, LiveBus bus, UserService users, WorkspaceService workspaceService,
            WorkspaceStore workspaces, ParleyConfig config) {
        this.liveness = liveness;
        this.store = store;
        this.bus = bus;
        this.users = users;
        this.workspaceService = workspaceService;
        this.workspaces = workspaces;
        this.retention = config.presence().retention();
    }

    // --- signs of life, from the transport: non-blocking (safe on the event loop), never throw ---

    /** A socket of the person was accepted (connection_ack): they are ONLINE, or their chosen status. */
    public void connected(String userId) {
        heartbeat(userId);
    }

    /**
     * Any ping, pong or message on one of the person's sockets. One Redis call; DynamoDB is written only
     * when the status changes and, while it does not, once per away-after (to keep lastActiveAt).
     */
    public void heartbeat(String userId) {
        change(userId, restore -> liveness.beat(userId, restore))
                .subscribe().with(step -> { }, failure -> warn("heartbeat", failure));
    }

    /**
     * A socket closed. Nothing changes now: the person may have other sockets, here or on other pods,
     * and silence turns them AWAY and OFFLINE when none of them speaks any more.
     */
    public void disconnected(String userId) {
        // silence decides
    }

    // --- the API ---

    /**
     * The caller chooses a status: ONLINE (automatic again), AWAY or DND (kept until they choose
     * otherwise), OFFLINE (appear offline: shown OFFLINE, activity hidden). Choosing is also a sign
     * of life. INTERNAL when Redis cannot be reached: the choice could not take effect.
     */
    public Presence set(String callerId, PresenceStatus status) {
        try {
            return change(callerId, restore -> liveness.choose(callerId, status, restore)).await().atMost(WAIT).state().presence();
        } catch (RuntimeException e) {
            LOG.warnf("Could not set presence: %s", e.toString());
            throw ParleyException.internal();
        }
    }

    /** The presence of those of the given people the caller may see (others are left out), in the order given. */
    public List<Presence> visible(String callerId, List<String> userIds) {
        if (userIds.size() > MAX_USER_IDS) {
            throw ParleyException.badInput("userIds", "Ask for at most " + MAX_USER_IDS + " people at once");
        }
        userIds.forEach(id -> Inputs.id("userIds", id));
        List<String> visible = users.visibleTo(callerId, userIds);
        Map<String, Presence> found = of(visible);
        return visible.stream().map(found::get).toList();
    }

    /**
     * Everyone's presence, for people the caller may already see (resolving {@code User.presence}):
     * live from Redis, else OFFLINE with the last activity the Presence table remembers.
     */
    public Map<String, Presence> of(Collection<String> userIds) {
        List<String> ids = userIds.stream().distinct().toList();
        Optional<Map<String, Presence>> live = live(ids);
        Map<String, Presence> found = new HashMap<>(live.orElseGet(Map::of));
        List<String> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
        Map<String, Presence> remembered = remembered(unknown);
        for (String id : unknown) {
            Presence last = remembered.getOrDefault(id, Presence.offline(id, null, 0));
            // Redis forgets people some time after they went OFFLINE; without Redis, the last status stored is the best answer.
            found.put(id, live.isPresent() ? Presence.offline(id, last.lastActiveAt(), last.revision()) : last);
        }
        return found;
    }

    /** Members of the workspace who are ONLINE or DND, by name. NOT_FOUND unless the caller is a member. */
    public List<User> onlineUsers(String callerId, String workspaceId) {
        workspaceService.requireMember(callerId, "workspaceId", workspaceId);
        List<String> members = workspaces.memberIds(workspaceId);
        Map<String, Presence> presences = statusNow(members);
        List<String> online = members.stream()
                .filter(id -> presences.containsKey(id) && ONLINE.contains(presences.get(id).status())).toList();
        return users.findAll(online).stream()
                .sorted(Comparator.comparing((User user) -> user.name().toLowerCase(Locale.ROOT)).thenComparing(User::id)).toList();
    }

    /**
     * Those of the given people whose status is ONLINE right now (not AWAY, DND or OFFLINE): whom
     * {@code @here} reaches. One Redis read for all of them.
     */
    public Set<String> onlineNow(Collection<String> userIds) {
        List<String> ids = userIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        Map<String, Presence> presences = statusNow(ids);
        return ids.stream().filter(id -> presences.containsKey(id) && presences.get(id).status() == PresenceStatus.ONLINE)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** People Redis does not know are OFFLINE (left out), so only a Redis failure needs the Presence table. */
    private Map<String, Presence> statusNow(List<String> userIds) {
        return live(userIds).orElseGet(() -> remembered(userIds));
    }

    // --- silence ---

    /** Applies silence on every pod; each change is made (and published) by exactly one of them. */
    @Scheduled(every = "${parley.presence.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            sweepSilent();
        } catch (RuntimeException e) {
            warn("sweep", e);
        }
    }

    /** Turns people silent for long enough AWAY or OFFLINE; answers how many changed here. */
    public int sweepSilent() {
        int changed = 0;
        for (int round = 0; round < 20; round++) {
            List<String> due = liveness.due(SWEEP_BATCH).await().atMost(WAIT);
            changed += Multi.createFrom().iterable(due)
                    .onItem().transformToUni(userId -> change(userId, restore -> liveness.sweep(userId))).merge(SWEEP_CONCURRENCY)
                    .collect().asList().await().atMost(WAIT.multipliedBy(due.size() / SWEEP_CONCURRENCY + 1))
                    .stream().filter(Step::changed).count();
            if (due.size() < SWEEP_BATCH) {
                break;
            }
        }
        return changed;
    }

    // --- the one way a presence changes ---

    /**
     * Runs a transition in Redis (giving it what the Presence table remembers when Redis has forgotten
     * the person), stores the outcome when Redis says so, then publishes it if the status changed.
     */
    private Uni<Step> change(String userId, Function<Stored, Uni<Step>> transition) {
        return transition.apply(null)
                .flatMap(step -> step.restore()
                        ? blocking(() -> store.find(userId).orElseGet(() -> Stored.none(userId))).flatMap(stored -> transition.apply(stored))
                        : Uni.createFrom().item(step))
                .flatMap(step -> step.save() ? blocking(() -> saved(step)) : Uni.createFrom().item(step))
                .invoke(step -> {
                    if (step.changed()) {
                        bus.publish(LiveBus.presenceTopic(userId), step.state().presence().encode());
                    }
                });
    }

    private Step saved(Step step) {
        Presence presence = step.state().presence();
        try {
            store.save(step.state(), (presence.lastActiveAt() == null ? Instant.now() : presence.lastActiveAt()).plus(retention));
        } catch (RuntimeException e) {
            // Redis has the change; the table catches up with the next one.
            LOG.warnf("Could not store the presence of %s: %s", presence.userId(), e.toString());
        }
        return step;
    }

    private Optional<Map<String, Presence>> live(List<String> userIds) {
        try {
            return Optional.of(liveness.read(userIds).await().atMost(WAIT));
        } catch (RuntimeException e) {
            warn("read", e);
            return Optional.empty();
        }
    }

    private Map<String, Presence> remembered(List<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Presence> found = new HashMap<>();
        store.findAll(userIds).forEach((id, stored) -> found.put(id, stored.presence()));
        return found;
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Redis being down would otherwise log once per heartbeat of every socket. */
    private void warn(String what, Throwable failure) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY.toMillis() && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Presence %s failed (Redis unavailable?); further failures are not logged for %s: %s", what, WARN_EVERY,
                    failure.toString());
        }
    }
}
