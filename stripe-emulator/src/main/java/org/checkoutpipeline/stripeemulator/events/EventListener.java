package org.checkoutpipeline.stripeemulator.events;

/**
 * Receives every event the emulator records, after it is stored, on the thread that caused it.
 * Implementations must return quickly (queue slow work such as webhook delivery).
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(StripeEvent event);
}
