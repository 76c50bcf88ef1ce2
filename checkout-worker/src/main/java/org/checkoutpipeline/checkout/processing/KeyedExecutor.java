package org.checkoutpipeline.checkout.processing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool, many at once, but the tasks of one key one after another in the
 * order they were submitted: two records of one order never race each other, while different
 * orders of one partition proceed in parallel, so throughput is not capped by the partition count.
 */
final class KeyedExecutor implements RecordTasks {

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    KeyedExecutor(int threads, String name) {
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void submit(String key, Runnable task) {
        CompletableFuture<Void> next = tails.compute(key, (k, tail) -> tail == null
                ? CompletableFuture.runAsync(task, pool)
                : tail.handleAsync((ignored, error) -> {
                    task.run();
                    return null;
                }, pool));
        next.whenComplete((ignored, error) -> tails.remove(key, next));
    }

    /** Keys with queued or running tasks. */
    int activeKeys() {
        return tails.size();
    }

    @Override
    public boolean shutdown(long timeoutMillis) throws InterruptedException {
        boolean finished;
        try {
            CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
            finished = true;
        } catch (ExecutionException | TimeoutException e) {
            finished = false;
        }
        pool.shutdownNow();
        return finished;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
