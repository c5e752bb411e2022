package dev.parley.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sends to one channel on this pod commit in groups: whoever finds no commit under way for the
 * channel leads, taking every waiting send whose items do not touch the same DynamoDB item as
 * another's (the rest wait for the next group), and commits them as one transaction with one head
 * write; the others wait for their outcome. Two sends with the same clientMessageId in one group are
 * one message: the second is a twin of the first and gets its outcome. A leader hands the lead to
 * the next waiting send once its own is done, so nobody serves others for long. (A channel's queue
 * stays once made: an empty one is a few dozen bytes.)
 */
final class GroupCommit {

    /** Most sends in one group. */
    static final int MAX_GROUP = 16;

    /** One waiting send: the keys of the items it touches, its twins, its outcome, and whether it leads now. */
    static final class Waiting {
        final Object request;
        final String claimKey;
        final Set<String> touched;
        final int items;
        final List<Waiting> twins = new ArrayList<>();
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        final CompletableFuture<Void> lead = new CompletableFuture<>();

        Waiting(Object request, String claimKey, Set<String> touched, int items) {
            this.request = request;
            this.claimKey = claimKey;
            this.touched = touched;
            this.items = items;
        }

        /** The outcome of this send and its twins: a value, or a RuntimeException to throw. */
        void complete(Object result) {
            outcome.complete(result);
            twins.forEach(twin -> twin.outcome.complete(result));
        }
    }

    private static final class Queue {
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        boolean leading;
    }

    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();
    private final int itemBudget;

    /** {@code itemBudget}: how many items of the senders' own one transaction may hold. */
    GroupCommit(int itemBudget) {
        this.itemBudget = itemBudget;
    }

    /**
     * Waits for {@code send}'s outcome: {@code commitGroup} (run by whichever sender leads) gets the
     * group and completes each of its sends ({@link Waiting#complete}), twins included; an exception
     * it throws is the outcome of the whole group.
     */
    Object submit(String channelId, Waiting send, Consumer<List<Waiting>> commitGroup) {
        Queue queue = queues.computeIfAbsent(channelId, id -> new Queue());
        synchronized (queue) {
            queue.waiting.add(send);
            if (!queue.leading) {
                queue.leading = true;
                send.lead.complete(null);
            }
        }
        while (true) {
            CompletableFuture.anyOf(send.outcome, send.lead).join();
            if (send.outcome.isDone()) {
                return send.outcome.join();
            }
            leadUntilDone(queue, send, commitGroup);
        }
    }

    /** Commits groups until {@code own} is done, then hands the lead to the next waiting send (or lays it down). */
    private void leadUntilDone(Queue queue, Waiting own, Consumer<List<Waiting>> commitGroup) {
        while (true) {
            List<Waiting> group;
            synchronized (queue) {
                if (own.outcome.isDone()) {
                    Waiting next = queue.waiting.peekFirst();
                    if (next == null) {
                        queue.leading = false;
                    } else {
                        next.lead.complete(null);
                    }
                    return;
                }
                group = take(queue);
            }
            try {
                commitGroup.accept(group);
            } catch (RuntimeException failure) {
                group.forEach(send -> send.complete(failure));
            }
        }
    }

    /** How many sends wait in the channel's queue (not taken into a group yet). */
    int waiting(String channelId) {
        Queue queue = queues.get(channelId);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.waiting.size();
        }
    }

    /** The next group: waiting sends in order, each touching none of the items of those before it (same claim: a twin). */
    private List<Waiting> take(Queue queue) {
        List<Waiting> group = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        int items = 0;
        for (Iterator<Waiting> it = queue.waiting.iterator(); it.hasNext() && group.size() < MAX_GROUP;) {
            Waiting send = it.next();
            Waiting first = group.stream().filter(g -> g.claimKey.equals(send.claimKey)).findFirst().orElse(null);
            if (first != null) {
                first.twins.add(send);
                it.remove();
            } else if (send.touched.stream().noneMatch(touched::contains) && items + send.items <= itemBudget) {
                group.add(send);
                touched.addAll(send.touched);
                items += send.items;
                it.remove();
            }
        }
        return group;
    }
}
