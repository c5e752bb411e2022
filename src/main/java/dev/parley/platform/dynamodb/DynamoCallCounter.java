package dev.parley.platform.dynamodb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB calls per operation (registered through {@code quarkus.dynamodb.interceptors}),
 * published as the metric {@code parley_dynamodb_calls_total}; tests use it to show that a page
 * costs a bounded number of calls.
 */
public class DynamoCallCounter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    /** Of those, the calls made on Parley's own background threads (named "parley-…": log consumers, live feeds). */
    private static final Map<String, LongAdder> BACKGROUND = new ConcurrentHashMap<>();
    /** The calls made on each thread (a synchronous client calls on the caller's thread), apart from background work. */
    private static final ThreadLocal<Map<String, Long>> ON_THREAD = ThreadLocal.withInitial(java.util.HashMap::new);
    /** The others: calls made for requests (and scheduled jobs). */
    private static final LongAdder FOREGROUND = new LongAdder();
    /** The calls by kind of thread: its name without a trailing number ("parley-feed-3" is "parley-feed"). */
    private static final Map<String, LongAdder> BY_THREADS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String name = operation == null ? "unknown" : operation;
        CALLS.computeIfAbsent(name, k -> new LongAdder()).increment();
        ON_THREAD.get().merge(name, 1L, Long::sum);
        if (Thread.currentThread().getName().startsWith("parley-")) {
            BACKGROUND.computeIfAbsent(name, k -> new LongAdder()).increment();
        } else {
            FOREGROUND.increment();
        }
        BY_THREADS.computeIfAbsent(Thread.currentThread().getName().replaceFirst("-\\d+$", ""), k -> new LongAdder()).increment();
    }

    /** The calls made so far outside Parley's background threads: what requests (and scheduled jobs) cost. */
    public static long foreground() {
        return FOREGROUND.sum();
    }

    /** How many calls threads named {@code threads-<n>} have made so far. */
    public static long onThreads(String threads) {
        LongAdder calls = BY_THREADS.get(threads);
        return calls == null ? 0 : calls.sum();
    }

    public static long total() {
        return CALLS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A copy of the calls this thread has made so far, by operation. */
    public static Map<String, Long> onThisThread() {
        return Map.copyOf(ON_THREAD.get());
    }

    public static Map<String, LongAdder> byOperation() {
        return CALLS;
    }

    /** The calls made on Parley's background threads, by operation (benchmarks: what a request costs is the rest). */
    public static Map<String, LongAdder> inBackground() {
        return BACKGROUND;
    }
}
