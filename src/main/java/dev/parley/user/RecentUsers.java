package dev.parley.user;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * People this pod read in the last two seconds. Resolving nested people (authors, mentions,
 * reactions) once per subscriber would read the same author from DynamoDB for each of a channel's
 * hundred subscribers; this shares one read. A change made on this pod is seen at once; one made
 * on another pod within the two seconds.
 */
final class RecentUsers {

    private static final long FRESH_NANOS = Duration.ofSeconds(2).toNanos();
    private static final int MAX_ENTRIES = 20_000;

    private record Entry(User user, long readAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Those of the ids read recently enough. */
    Map<String, User> fresh(Collection<String> userIds) {
        long now = System.nanoTime();
        Map<String, User> found = new HashMap<>();
        for (String id : userIds) {
            Entry entry = entries.get(id);
            if (entry != null && now - entry.readAt() < FRESH_NANOS) {
                found.put(id, entry.user());
            }
        }
        return found;
    }

    void remember(Collection<User> users) {
        if (entries.size() > MAX_ENTRIES) {
            entries.clear(); // crude bound: entries live two seconds anyway
        }
        long now = System.nanoTime();
        users.forEach(user -> entries.put(user.id(), new Entry(user, now)));
    }

    void forget(String userId) {
        entries.remove(userId);
    }
}
