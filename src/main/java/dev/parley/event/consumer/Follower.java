package dev.parley.event.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import dev.parley.event.ChannelEvent;
import dev.parley.event.ChannelEventReads;
import dev.parley.event.LogPartitions;
import dev.parley.event.LogPosition;
import dev.parley.platform.redis.LiveBus;
import dev.parley.platform.redis.RedisTopics;

/**
 * One subscriber followed on this pod, on one thread of its own: it holds the leases of its fair share
 * of the log partitions, hears each commit to them on their topic and catches the channel up at once,
 * and every round renews its leases and reads the heads its partitions changed since the last round
 * (minus a look-back longer than the index lags), which catches what a lost notice missed.
 */
final class Follower implements LogConsumer.Following {

    private static final Logger LOG = Logger.getLogger(Follower.class);
    private static final int PAGE = 100;
    /** Heads are read back this far before the watermark: more than the settle time plus how far the index may lag. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(1);

    private final LogSubscriber subscriber;
    private final String consumer;
    private final String podId;
    private final ChannelEventReads log;
    private final ConsumerStore store;
    private final RedisTopics topics;
    private final Duration every;
    private final Duration lease;
    private final Duration batch;
    /** A drain is scheduled for the commits heard of: those heard meanwhile join it. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final BiConsumer<String, String> onNotice = (topic, payload) -> heard(payload);
    /** The partitions held, with the time up to which their heads have been read (null: never). */
    private final Map<String, Instant> held = new LinkedHashMap<>();
    private final Map<String, Long> checkpoints = new HashMap<>();
    private final Map<String, Long> unsaved = new HashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private Instant firstRun;
    private Instant renewedAt = Instant.EPOCH;
    private volatile boolean stopped;

    Follower(LogSubscriber subscriber, String podId, ChannelEventReads log, ConsumerStore store, RedisTopics topics,
            Duration every, Duration lease, Duration batch, Clock clock) {
        this.subscriber = subscriber;
        this.consumer = subscriber.name();
        this.podId = podId;
        this.log = log;
        this.store = store;
        this.topics = topics;
        this.every = every;
        this.lease = lease;
        this.batch = batch;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "parley-log-" + consumer);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            thread.submit(this::leave).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Consumer %s did not leave cleanly: %s", consumer, e.toString());
        }
        thread.shutdownNow();
    }

    @Override
    public Set<String> partitions() {
        try {
            return thread.submit(() -> Set.copyOf(held.keySet())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Set.of();
        }
    }

    @Override
    public void catchUpNow() {
        try {
            thread.submit(this::round).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Consumer " + consumer + " could not catch up", e);
        }
    }

    /**
     * A commit announced on a partition's topic: {@code <channelId>:<seq>}. Handled with the others
     * heard within the batch time: a busy channel costs a log read, a flush and a checkpoint write
     * per batch, not per commit.
     */
    private void heard(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon > 0 && !stopped) {
            dirty.add(payload.substring(0, colon));
            if (drainScheduled.compareAndSet(false, true)) {
                try {
                    thread.schedule(() -> {
                        drainScheduled.set(false);
                        drain();
                    }, batch.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // stopped meanwhile: the next holder catches up from the checkpoints
                }
            }
        }
    }

    private void round() {
        if (stopped) {
            return;
        }
        try {
            if (firstRun == null) {
                firstRun = store.firstRun(consumer, clock.instant());
            }
            balanceLeases();
            for (String partition : List.copyOf(held.keySet())) {
                sweep(partition);
            }
            drain();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Consumer %s: a round failed; the next one tries again", consumer);
        }
    }

    /**
     * Keeps the leases held (dropping any lost), takes free ones up to a fair share and gives up those
     * beyond it; a third of the lease after the last time, so a round is mostly only reading heads.
     */
    private void balanceLeases() {
        Instant now = clock.instant();
        if (now.isBefore(renewedAt.plus(lease.dividedBy(3)))) {
            return;
        }
        renewedAt = now;
        int pods = store.alivePods(consumer, podId, now.plus(lease), now);
        int fairShare = (LogPartitions.COUNT + pods - 1) / pods;
        for (String partition : LogPartitions.all()) {
            boolean mine = held.containsKey(partition);
            if (!mine && held.size() >= fairShare) {
                continue;
            }
            var taken = store.hold(consumer, partition, podId, now.plus(lease), now, mine ? held.get(partition) : null);
            if (taken.isPresent() && !mine) {
                held.put(partition, taken.get().watermark());
                topics.listen(LiveBus.logTopic(partition), onNotice);
                LOG.debugf("Consumer %s on pod %s follows partition %s", consumer, podId, partition);
            } else if (taken.isEmpty() && mine) {
                drop(partition);
            }
        }
        while (held.size() > fairShare) {
            String extra = List.copyOf(held.keySet()).get(held.size() - 1);
            drop(extra);
            store.release(consumer, extra, podId);
        }
    }

    private void drop(String partition) {
        held.remove(partition);
        topics.unlisten(LiveBus.logTopic(partition), onNotice);
        checkpoints.keySet().removeIf(channelId -> LogPartitions.of(channelId).equals(partition));
    }

    /** Catches up every channel of the partition whose head moved since its watermark (minus the look-back). */
    private void sweep(String partition) {
        Instant started = clock.instant();
        Instant watermark = held.get(partition);
        Map<String, LogPosition> heads = log.headsChangedSince(partition, watermark == null ? null : watermark.minus(LOOK_BACK));
        loadCheckpoints(heads.keySet());
        heads.forEach((channelId, head) -> {
            if (head.seq() > checkpoints.getOrDefault(channelId, 0L)) {
                dirty.add(channelId);
            }
        });
        if (drain()) {
            held.computeIfPresent(partition, (p, old) -> started);
        }
    }

    /** Catches up the channels heard of; true when every one is. Saves the checkpoints moved. */
    private boolean drain() {
        boolean all = true;
        List<String> channels = new ArrayList<>(dirty);
        channels.removeIf(channelId -> !held.containsKey(LogPartitions.of(channelId)));
        dirty.removeAll(channels);
        loadCheckpoints(channels);
        for (String channelId : channels) {
            try {
                catchUp(channelId);
            } catch (RuntimeException e) {
                all = false;
                LOG.warnf(e, "Consumer %s could not handle the events of channel %s; trying again next round", consumer, channelId);
            }
        }
        if (!unsaved.isEmpty()) {
            subscriber.flush();
            store.saveCheckpoints(consumer, unsaved);
            unsaved.clear();
        }
        return all;
    }

    private void catchUp(String channelId) {
        Long stored = checkpoints.get(channelId);
        long at = stored == null ? 0 : stored;
        while (true) {
            List<ChannelEvent> events = log.read(channelId, at, PAGE);
            if (events.isEmpty()) {
                return;
            }
            long first = events.get(0).seq();
            if (first > at + 1 && stored != null) {
                subscriber.missed(channelId, at, first);
            }
            List<ChannelEvent> wanted = stored != null || subscriber.replaysHistory() ? events
                    : events.stream().filter(event -> !event.at().isBefore(firstRun)).toList();
            if (!wanted.isEmpty()) {
                subscriber.apply(channelId, wanted);
            }
            at = events.get(events.size() - 1).seq();
            stored = at;
            checkpoints.put(channelId, at);
            unsaved.put(channelId, at);
            if (events.size() < PAGE) {
                return;
            }
        }
    }

    private void loadCheckpoints(java.util.Collection<String> channelIds) {
        Set<String> unknown = new LinkedHashSet<>(channelIds);
        unknown.removeAll(checkpoints.keySet());
        if (!unknown.isEmpty()) {
            checkpoints.putAll(store.checkpoints(consumer, unknown));
        }
    }

    private void leave() {
        for (String partition : List.copyOf(held.keySet())) {
            drop(partition);
            store.release(consumer, partition, podId);
        }
        store.leave(consumer, podId);
    }
}
