package org.checkoutpipeline.stripeemulator.webhooks;

import java.time.Instant;

/**
 * One try at POSTing an event to an endpoint, as {@code GET /_emulator/webhook_deliveries} shows it.
 *
 * @param attempt 1 for the first try of a delivery, then 2, 3... for its retries
 * @param duplicate true for the extra copy of an event sent on purpose (the duplicate rate)
 * @param httpStatus the endpoint's answer, or 0 when there was none (timeout, connection failure)
 * @param error why the attempt failed without an answer, or why the delivery was dropped; null
 *     otherwise
 * @param attemptedAt real time of the attempt (also the signature's {@code t})
 * @param nextAttemptAt real time of the retry it scheduled, or null when none follows
 */
public record DeliveryAttempt(
        long sequence,
        String eventId,
        String eventType,
        String endpointId,
        String url,
        int attempt,
        boolean duplicate,
        Outcome outcome,
        int httpStatus,
        String error,
        Instant attemptedAt,
        long durationMillis,
        Instant nextAttemptAt) {

    /** What came of an attempt. */
    public enum Outcome {
        /** 2xx: delivered. */
        SUCCEEDED,
        /** Non-2xx, timeout or connection failure; a retry is scheduled. */
        FAILED,
        /** Failed with no retries left. */
        GAVE_UP,
        /** Not attempted: the endpoint was deleted or the delivery queue was full. */
        DROPPED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
