package org.checkoutpipeline.checkout.stripe;

import com.stripe.model.checkout.Session;
import org.checkoutpipeline.events.CheckoutFailureReason;

/** How the attempt to create an order's Checkout Session ended. */
public sealed interface SessionOutcome {

    /** Stripe created (or, for a repeated idempotency key, returned) the session. */
    record Created(Session session, int attempts) implements SessionOutcome {
    }

    /**
     * The order failed for good: Stripe rejected it, or stayed unavailable for the whole retry budget.
     *
     * @param param     the Stripe parameter at fault, if Stripe named one
     * @param code      Stripe's error code, if any
     * @param requestId Stripe's request id of the last attempt, for support
     */
    record Failed(CheckoutFailureReason reason, String detail, String param, String code, String requestId, int attempts)
            implements SessionOutcome {
    }

    /**
     * Stripe refused the API key (401/403): no order can succeed until the key is fixed, so the
     * worker stops instead of failing every order.
     */
    record Unauthorized(String detail) implements SessionOutcome {
    }
}
