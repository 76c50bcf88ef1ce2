package org.checkoutpipeline.orderproducer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Neither a {@code CheckoutCreated} nor a {@code CheckoutFailed} for the order arrived in time. */
public final class CheckoutTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final String orderId;

    public CheckoutTimeoutException(String orderId, Duration timeout) {
        super("No CheckoutCreated or CheckoutFailed for order '" + orderId + "' within " + timeout
                + ": is the checkout worker running and consuming orders.placed?");
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
