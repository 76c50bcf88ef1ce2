package org.checkoutpipeline.orderproducer;

import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.UiMode;

/**
 * What became of an order's checkout: a session whose {@link Created#url() url} the customer is
 * redirected to (or, embedded in the storefront, whose {@link Created#clientSecret() client secret}
 * Stripe.js mounts), or the reason none could be created.
 */
public sealed interface CheckoutOutcome {

    String orderId();

    /** The order's Checkout Session exists: redirect the customer to {@link #url()}, or mount {@link #clientSecret()}. */
    record Created(CheckoutCreated event) implements CheckoutOutcome {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        /** The hosted payment page; empty for an embedded session. */
        public String url() {
            return event.getUrl();
        }

        /** Whether the session is embedded in the storefront's own page. */
        public boolean embedded() {
            return event.getUiMode() == UiMode.EMBEDDED;
        }

        /** An embedded session's client secret, for Stripe.js {@code initEmbeddedCheckout}; null on the hosted page. */
        public String clientSecret() {
            return event.getClientSecret();
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
