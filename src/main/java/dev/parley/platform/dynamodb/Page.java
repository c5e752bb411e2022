package dev.parley.platform.dynamodb;

import java.util.List;
import java.util.function.Function;

/** Up to a requested number of items from an ordered key range, and whether more follow. */
public record Page<T>(List<T> items, boolean hasMore) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), hasMore);
    }
}
