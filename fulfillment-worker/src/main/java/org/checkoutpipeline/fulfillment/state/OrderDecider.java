package org.checkoutpipeline.fulfillment.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.PaymentStatus;

/**
 * The fulfilment rules, as a pure function from an order's facts and the current time to its
 * status and the decision due, if any. It depends only on which facts are known, never on the
 * order they arrived in.
 *
 * <ul>
 *   <li>Nothing is decided before the {@code OrderPlaced} is known: downstream needs its line items.</li>
 *   <li>Fulfil when checkout completed {@code paid}, completed with no payment required (setup mode),
 *       completed {@code unpaid} and the delayed payment then succeeded, or completed {@code unpaid}
 *       with the payment authorised for a manual capture.</li>
 *   <li>Cancel when the delayed payment failed ({@code VOUCHER_EXPIRED} for a voucher); or when the session expired or could not be
 *       created and no completion arrived within the settlement period after that. A completion
 *       always wins over an expiry, whichever arrives first: Stripe never expires a completed
 *       session, so an expiry seen before a completion means the completion was overtaken. An expiry
 *       after the customer's payment failed at a redirect method is {@code REDIRECT_PAYMENT_FAILED}.</li>
 *   <li>Flag an open session past {@code expires_at} plus the grace period with no expiry or
 *       completion (a lost webhook), and checkout events whose order is missing after the wait timeout.</li>
 * </ul>
 */
public final class OrderDecider {

    /**
     * The time-based rules.
     *
     * @param orderWaitTimeout     how long checkout events wait for their order before the order is reported missing
     * @param expiryGrace          how long past {@code expires_at} an open session may stay without an expiry event
     * @param cancellationSettlement how long an expiry or checkout failure waits for an overtaken completion before cancelling
     */
    public record Rules(Duration orderWaitTimeout, Duration expiryGrace, Duration cancellationSettlement) {
        public Rules {
            requireNotNegative("orderWaitTimeout", orderWaitTimeout);
            requireNotNegative("expiryGrace", expiryGrace);
            requireNotNegative("cancellationSettlement", cancellationSettlement);
        }

        private static void requireNotNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " may not be negative. Got: " + value);
            }
        }
    }

    private final Rules rules;

    public OrderDecider(Rules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public Rules rules() {
        return rules;
    }

    public Verdict decide(OrderFacts order, Instant now) {
        if (order.isDecided()) {
            Decision decision = order.decision();
            OrderState status = decision.outcome() == Decision.Outcome.FULFILLMENT_REQUESTED
                    ? OrderState.FULFILLMENT_REQUESTED : OrderState.CANCELLED;
            return new Verdict(status, decision.detail(), null, Set.of(), null);
        }
        if (order.placed() == null) {
            return awaitingOrder(order, now);
        }
        Fact.Completion completed = order.completed();
        if (completed != null) {
            if (completed.paymentStatus() == PaymentStatus.PAID) {
                return due(Decision.fulfil(order.orderId(), "Paid: checkout completed with payment_status=paid", now));
            }
            if (completed.paymentStatus() == PaymentStatus.NO_PAYMENT_REQUIRED) {
                return due(Decision.fulfil(order.orderId(), "Checkout completed in " + completed.mode()
                        + " mode with no payment required", now));
            }
            if (order.asyncSucceeded() != null) {
                return due(Decision.fulfil(order.orderId(), "Paid: the delayed payment succeeded", now));
            }
            if (completed.purchase() != null && completed.purchase().getCapture() == CaptureState.AUTHORIZED) {
                return due(Decision.fulfil(order.orderId(), "Authorised (manual capture): capture the payment when"
                        + " the order ships", now));
            }
        }
        if (order.asyncFailed() != null) {
            String method = asyncMethod(order);
            return PaymentMethods.isVoucher(method)
                    ? due(Decision.cancel(order.orderId(), CancellationReason.VOUCHER_EXPIRED,
                            "The " + method + " voucher expired unpaid", now))
                    : due(Decision.cancel(order.orderId(), CancellationReason.ASYNC_PAYMENT_FAILED,
                            "The delayed payment failed" + (method == null ? "" : " (" + method + ")"), now));
        }
        if (completed != null) {
            return pending(OrderState.PAYMENT_PENDING,
                    "Checkout completed with payment_status=unpaid; waiting for the delayed payment to succeed or fail");
        }
        if (order.asyncSucceeded() != null) {
            return pending(OrderState.PAYMENT_PENDING,
                    "The delayed payment succeeded; waiting for the checkout completion that precedes it");
        }
        if (order.expired() != null || (order.failed() != null && order.created() == null)) {
            return settling(order, now);
        }
        if (order.created() != null) {
            return open(order, now);
        }
        return pending(OrderState.PLACED, "Waiting for the checkout session to be created");
    }

    /** The failed delayed payment's method: from its own event, else from the completion's purchase. */
    private static String asyncMethod(OrderFacts order) {
        if (order.asyncFailed().paymentMethodType() != null) {
            return order.asyncFailed().paymentMethodType();
        }
        Fact.Completion completed = order.completed();
        return completed == null || completed.purchase() == null ? null : completed.purchase().getPaymentMethodType();
    }

    private Verdict awaitingOrder(OrderFacts order, Instant now) {
        Instant deadline = order.firstSeenAt() == null ? now.plus(rules.orderWaitTimeout())
                : order.firstSeenAt().plus(rules.orderWaitTimeout());
        if (now.isBefore(deadline)) {
            return new Verdict(OrderState.AWAITING_ORDER,
                    "Checkout events arrived before their OrderPlaced; waiting for it until " + deadline,
                    null, Set.of(), deadline);
        }
        return new Verdict(OrderState.AWAITING_ORDER,
                "Checkout events arrived but no OrderPlaced within " + rules.orderWaitTimeout()
                        + " (first event processed at " + order.firstSeenAt() + "); the order is still accepted when it arrives",
                null, Set.of(OrderFacts.Alert.ORDER_MISSING), null);
    }

    private Verdict settling(OrderFacts order, Instant now) {
        CancellationReason reason;
        String detail;
        Fact.Expiry expired = order.expired();
        if (expired != null && PaymentMethods.isRedirect(expired.failedMethodType())) {
            reason = CancellationReason.REDIRECT_PAYMENT_FAILED;
            detail = "Checkout session " + expired.sessionId() + " expired after the customer's " + expired.failedMethodType()
                    + " payment failed (" + expired.failureCode() + ": " + expired.failureMessage() + ")";
        } else if (expired != null) {
            reason = CancellationReason.CHECKOUT_EXPIRED;
            detail = "Checkout session " + expired.sessionId() + " expired unpaid" + (expired.failureCode() == null ? ""
                    : "; the last attempt failed (" + expired.failedMethodType() + ", " + expired.failureCode() + ")");
        } else {
            reason = CancellationReason.CHECKOUT_FAILED;
            detail = "Checkout failed (" + order.failed().reason() + "): " + order.failed().detail();
        }
        Instant started = order.settlementStartedAt() == null ? now : order.settlementStartedAt();
        Instant cancelAt = started.plus(rules.cancellationSettlement());
        if (!now.isBefore(cancelAt)) {
            return due(Decision.cancel(order.orderId(), reason, detail, now));
        }
        OrderState status = order.created() != null ? OrderState.CHECKOUT_OPEN : OrderState.PLACED;
        return new Verdict(status, detail + "; cancelled at " + cancelAt + " unless a completed checkout arrives first",
                null, Set.of(), cancelAt);
    }

    private Verdict open(OrderFacts order, Instant now) {
        Fact.SessionCreated created = order.created();
        Instant overdueAt = created.expiresAt().plus(rules.expiryGrace());
        if (now.isBefore(overdueAt)) {
            return new Verdict(OrderState.CHECKOUT_OPEN, "Waiting for the customer to pay; the session expires at "
                    + created.expiresAt(), null, Set.of(), overdueAt);
        }
        return new Verdict(OrderState.CHECKOUT_OPEN, "Session " + created.sessionId() + " expired at "
                + created.expiresAt() + " but neither its expiry nor its completion arrived within "
                + rules.expiryGrace() + ": a webhook may have been lost",
                null, Set.of(OrderFacts.Alert.EXPIRY_OVERDUE), null);
    }

    private static Verdict due(Decision decision) {
        return new Verdict(decision.outcome() == Decision.Outcome.FULFILLMENT_REQUESTED
                ? OrderState.FULFILLMENT_REQUESTED : OrderState.CANCELLED, decision.detail(), decision, Set.of(), null);
    }

    private static Verdict pending(OrderState status, String detail) {
        return new Verdict(status, detail, null, Set.of(), null);
    }
}
