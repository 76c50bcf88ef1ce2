package org.checkoutpipeline.stripeemulator.api;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the emulator's pools, whose threads never keep the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
    public static ThreadFactory named(String prefix) {
        var counter = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
