package org.checkoutpipeline.stripeemulator.events;

/**
 * A recorded Stripe event. {@code dataObject} is an immutable snapshot of the object at the time
 * of the event (a session, customer or payment intent record), rendered as {@code data.object}.
 *
 * @param requestId id of the API request that caused it, or null for emulator-driven changes
 *     (clock advance, completion)
 */
public record StripeEvent(String id, String type, long created, Object dataObject,
        String requestId, String idempotencyKey) {

    /** The API version every event is stamped with: the one stripe-java 33.3.0 pins. */
    public static final String API_VERSION = "2026-07-29.dahlia";
}
