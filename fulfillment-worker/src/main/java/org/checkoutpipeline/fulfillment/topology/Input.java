package org.checkoutpipeline.fulfillment.topology;

import org.checkoutpipeline.fulfillment.state.Fact;

/** An input record, read: either a fact about an order, or the reason it cannot be used. */
sealed interface Input {

    record Accepted(String orderId, Fact fact) implements Input {
    }

    /**
     * @param errorType a stable code: an {@code EventDecodingException} problem, or
     *                  {@code EMPTY_VALUE}, {@code UNEXPECTED_TYPE}, {@code KEY_MISMATCH}
     * @param error     what is wrong, naming the field and value
     */
    record Rejected(String errorType, String error) implements Input {
    }
}
