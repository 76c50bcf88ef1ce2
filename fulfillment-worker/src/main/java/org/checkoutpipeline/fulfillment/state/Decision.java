package org.checkoutpipeline.fulfillment.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.checkoutpipeline.events.CancellationReason;

/**
 * The fulfilment decision made for an order: at most one per order, ever.
 *
 * @param outcome   fulfil or cancel
 * @param reason    why it was cancelled; null when fulfilled
 * @param detail    a human-readable explanation
 * @param decidedAt when the decision was made (wall-clock)
 * @param eventId   the id of the published event; derived from the order id and outcome, so a
 *                  decision made again after a crash would carry the same id
 */
public record Decision(Outcome outcome, CancellationReason reason, String detail, Instant decidedAt, String eventId) {

    /** What downstream services are told. */
    public enum Outcome {
        FULFILLMENT_REQUESTED, CANCELLED
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(eventId, "eventId");
        if ((outcome == Outcome.CANCELLED) != (reason != null)) {
            throw new IllegalArgumentException("A cancellation needs a reason and a fulfilment has none. Got: "
                    + outcome + " with reason " + reason);
        }
    }

    static Decision fulfil(String orderId, String detail, Instant now) {
        return new Decision(Outcome.FULFILLMENT_REQUESTED, null, detail, now, eventId(orderId, Outcome.FULFILLMENT_REQUESTED));
    }

    static Decision cancel(String orderId, CancellationReason reason, String detail, Instant now) {
        return new Decision(Outcome.CANCELLED, reason, detail, now, eventId(orderId, Outcome.CANCELLED));
    }

    private static String eventId(String orderId, Outcome outcome) {
        return "ful_" + UUID.nameUUIDFromBytes((orderId + "/" + outcome).getBytes(StandardCharsets.UTF_8));
    }
}
