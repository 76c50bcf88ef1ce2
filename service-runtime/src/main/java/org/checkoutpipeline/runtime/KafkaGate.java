package org.checkoutpipeline.runtime;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service waits for before it starts its work, once its HTTP port is open: Kafka answering
 * (topics created or described). Until then the service reports not ready, with the reason, at
 * {@code /readyz}; it retries with a growing pause and never gives up, so a service started before
 * its broker simply starts late.
 */
public final class KafkaGate {

    private static final Logger log = LoggerFactory.getLogger(KafkaGate.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final String what;
    private volatile Health.Status status;
    private volatile boolean cancelled;

    /** @param what what the service does to check Kafka, for the messages: "creating the topics" */
    public KafkaGate(String what) {
        this.what = what;
        this.status = Health.Status.down("waiting for Kafka (" + what + ", first attempt in progress)");
    }

    /** Adds this gate to {@code health} as the readiness check {@code kafka}. */
    public KafkaGate reportIn(Health health) {
        health.readiness("kafka", () -> status);
        return this;
    }

    public boolean isOpen() {
        return status.up();
    }

    /** Stops a waiting {@link #await} (the service is being closed): it throws {@link InterruptedException}. */
    public void cancel() {
        cancelled = true;
    }

    /** Blocks until {@code attempt} succeeds, retrying every failure; the last failure is the readiness reason. */
    public void await(Runnable attempt) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        for (int tries = 1; ; tries++) {
            if (cancelled) {
                throw new InterruptedException("Closed while waiting for Kafka");
            }
            try {
                attempt.run();
                status = Health.Status.up("Kafka answered (" + what + ")");
                if (tries > 1) {
                    log.info("Kafka answered after {} attempts; starting", tries);
                }
                return;
            } catch (RuntimeException e) {
                status = Health.Status.down("waiting for Kafka (" + what + ", attempt " + tries + "): " + e.getMessage());
                log.warn("Kafka did not answer ({}, attempt {}); trying again in {}: {}", what, tries, pause, e.toString());
            }
            for (long slept = 0; slept < pause.toMillis() && !cancelled; slept += 100) {
                Thread.sleep(100);
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }
}
