package org.checkoutpipeline.allinone.demo;

import java.time.Duration;
import org.checkoutpipeline.events.CheckoutMode;

/**
 * How one demo order ended, against what its customer's story implies.
 *
 * @param problem  why it did not end as expected, or null when it did
 * @param latency  {@code OrderPlaced} to {@code FulfillmentRequested}, or null when not fulfilled
 */
public record DemoOrderOutcome(String orderId, Story story, CheckoutMode mode, String status, String cancellationReason,
                          int decisions, Duration latency, String problem) {

    public boolean asExpected() {
        return problem == null;
    }
}
