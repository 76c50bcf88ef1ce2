package org.checkoutpipeline.fulfillment.topology;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.OrderStatus;

/** What the order processor emits; the topology routes each kind to its topic. */
sealed interface Output {

    /** A {@code FulfillmentRequested} or {@code OrderCancelled}, for {@code fulfillment.events}. */
    record DecisionEvent(SpecificRecord event) implements Output {
    }

    /** An order's new status, for the compacted {@code orders.status}. */
    record StatusSnapshot(OrderStatus status) implements Output {
    }

    /** An input record that could not be used, with its original key and value; the headers say why. */
    record DeadLetter(byte[] key, byte[] value) implements Output {
    }
}
