package org.checkoutpipeline.checkout.processing;

import java.util.ArrayList;
import java.util.List;

/**
 * Record tasks that run only when a test says so, on the test's chosen thread (the loop's own,
 * through a poll task): what is "in flight" at any moment is exactly what the test left queued.
 */
final class ManualTasks implements RecordTasks {

    private record Task(String key, Runnable body) {
    }

    private final List<Task> queued = new ArrayList<>();

    @Override
    public synchronized void submit(String key, Runnable task) {
        queued.add(new Task(key, task));
    }

    /** Runs the queued tasks of one key, in the order they were submitted. */
    synchronized void run(String key) {
        List<Task> due = queued.stream().filter(task -> task.key().equals(key)).toList();
        queued.removeAll(due);
        due.forEach(task -> task.body().run());
    }

    synchronized void runAll() {
        List<Task> due = List.copyOf(queued);
        queued.clear();
        due.forEach(task -> task.body().run());
    }

    /** What is still queued did not finish within the grace period. */
    @Override
    public synchronized boolean shutdown(long timeoutMillis) {
        return queued.isEmpty();
    }

    @Override
    public synchronized void close() {
        queued.clear();
    }
}
