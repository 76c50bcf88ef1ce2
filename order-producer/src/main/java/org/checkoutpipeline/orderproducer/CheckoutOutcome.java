package org.checkoutpipeline.orderproducer;

import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;

/**
 * What became of an order's checkout: a session whose {@link Created#url() url} the customer is
 * redirected to, or the reason none could be created.
 */
public sealed interface CheckoutOutcome {

    String orderId();

    /** The order's Checkout Session exists: redirect the customer to {@link #url()}. */
    record Created(CheckoutCreated event) implements CheckoutOutcome {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        public String url() {
            return event.getUrl();
        }

        public String sessionId() {
            return event.getCheckoutSessionId();
        }
    }

    /** No session could be created; {@code event.getReason()} and {@code getDetail()} say why. */
    record Failed(CheckoutFailed event) implements CheckoutOutcome {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        public String reason() {
            return event.getReason().name();
        }

        public String detail() {
            return event.getDetail();
        }
    }
}
