package org.checkoutpipeline.fulfillment.status;

import org.apache.kafka.streams.state.HostInfo;
import org.checkoutpipeline.fulfillment.state.OrderFacts;

/** Finds an order's state: here, on another instance, or not at all. */
public interface OrderLookup {

    Result find(String orderId);

    /** Where the order's state is. */
    sealed interface Result {
    }

    /** This instance owns the order and has it. */
    record Found(OrderFacts order) implements Result {
    }

    /** This instance owns the order's partition and has never seen the order. */
    record NotFound() implements Result {
    }

    /** Another instance owns the order's partition: ask it. */
    record Elsewhere(HostInfo owner) implements Result {
    }

    /** Nobody can answer now (starting, rebalancing, restoring state); try again shortly. */
    record Unavailable(String reason) implements Result {
    }
}
