package dev.parley.platform.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that forget their least recently used entries beyond a capacity, safe to share between threads. */
public final class Lru {

    private Lru() {
    }

    public static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
