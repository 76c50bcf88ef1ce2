package org.checkoutpipeline.checkout.processing;

/**
 * Where {@link CheckoutLoop} runs its records: the tasks of one key one after another, different
 * keys in parallel. {@link KeyedExecutor} in the worker; tests run the tasks by hand.
 */
interface RecordTasks extends AutoCloseable {

    /** Runs {@code task} after every task submitted before it with the same key. The task must not throw. */
    void submit(String key, Runnable task);

    /**
     * Lets running and queued tasks finish for up to {@code timeoutMillis}, then interrupts what is left.
     *
     * @return whether everything finished in time
     */
    boolean shutdown(long timeoutMillis) throws InterruptedException;

    /** Interrupts whatever still runs. */
    @Override
    void close();
}
