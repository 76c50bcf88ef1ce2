package org.checkoutpipeline.stripeemulator.webhooks;

import java.time.Duration;

/**
 * How webhooks are delivered; can be changed while the emulator runs
 * ({@code POST /_emulator/webhooks/settings}).
 *
 * @param retrySchedule delays between attempts after a non-2xx answer, a timeout or a connection
 *     failure
 * @param timeout how long one attempt may take before it counts as failed
 * @param duplicateRate share (0-1) of deliveries sent a second time, as Stripe occasionally does,
 *     so that consumers can prove they are idempotent
 */
public record DeliveryPolicy(RetrySchedule retrySchedule, Duration timeout, double duplicateRate) {

    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    public static final DeliveryPolicy DEFAULT =
            new DeliveryPolicy(RetrySchedule.DEFAULT, Duration.ofMillis(DEFAULT_TIMEOUT_MS), 0);

    public DeliveryPolicy {
        if (retrySchedule == null) {
            throw new IllegalArgumentException("retry schedule must be given");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook timeout must be positive, was " + timeout);
        }
        if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
            throw new IllegalArgumentException(
                    "webhook duplicate rate must be within 0..1, was " + duplicateRate);
        }
    }

    public DeliveryPolicy withRetrySchedule(RetrySchedule value) {
        return new DeliveryPolicy(value, timeout, duplicateRate);
    }

    public DeliveryPolicy withTimeout(Duration value) {
        return new DeliveryPolicy(retrySchedule, value, duplicateRate);
    }

    public DeliveryPolicy withDuplicateRate(double value) {
        return new DeliveryPolicy(retrySchedule, timeout, value);
    }
}
