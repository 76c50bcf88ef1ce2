package org.checkoutpipeline.runtime;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a started service until the process is asked to stop (SIGTERM, Ctrl-C), then closes it gracefully. */
public final class ServiceMain {

    private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    /**
     * Blocks until a shutdown signal has been handled: the hook closes {@code service} (which
     * should finish in-flight work, commit and close its clients) before the JVM exits.
     */
    public static void runUntilStopped(String name, AutoCloseable service) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping {}", name);
            try {
                service.close();
                log.info("{} stopped cleanly", name);
            } catch (Exception e) {
                log.error("{} did not stop cleanly", name, e);
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
