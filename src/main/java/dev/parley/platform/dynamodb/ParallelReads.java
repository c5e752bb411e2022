package dev.parley.platform.dynamodb;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.lifecycle.DaemonThreads;

/**
 * Independent reads of one request, run side by side so that the request waits for the slowest of
 * them rather than for their sum (the DynamoDB client is synchronous). The reads must need no request
 * context: stores and the client only. A bounded pool: under load, reads queue rather than threads pile up.
 */
@ApplicationScoped
public class ParallelReads {

    private static final int THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("request-read"));

    /** Starts a read; {@link dev.parley.platform.concurrent.Futures#join} waits for it. */
    public <T> CompletableFuture<T> start(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, pool);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
