package org.checkoutpipeline.fulfillment.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.RecurringInterval;

/**
 * One thing known about an order, taken from one input event: what the fulfilment decision is
 * made from. Facts carry what the decision, the status and the decision's event need, so the stored
 * state stays small; a completion carries the {@link Purchase} that {@code FulfillmentRequested} hands on.
 */
public sealed interface Fact {

    String eventId();

    Instant occurredAt();

    /** The input record type, as in the {@code event-type} header, for the order's timeline. */
    String eventType();

    /** An amount in a currency's minor unit, as Stripe reports it. */
    record Amount(long amount, String currency) {
    }

    /** One product line of the order, as ordered: an inline price, or a catalog Price ({@code priceId}). */
    record Item(String name, String description, long unitAmount, long quantity,
                RecurringInterval interval, Integer intervalCount, String sku, String priceId) {
    }

    /** The order was placed ({@code OrderPlaced}). */
    record Placed(String eventId, Instant occurredAt, Instant placedAt, CheckoutMode mode, String currency,
                  String customerId, String customerEmail, List<Item> lineItems, Map<String, String> metadata)
            implements Fact {
        public Placed {
            lineItems = List.copyOf(lineItems);
            metadata = Map.copyOf(metadata);
        }

        @Override
        public String eventType() {
            return "OrderPlaced";
        }
    }

    /** Its Checkout Session exists ({@code CheckoutCreated}). */
    record SessionCreated(String eventId, Instant occurredAt, String sessionId, String url, Instant expiresAt,
                          CheckoutMode mode, Amount amountTotal) implements Fact {
        @Override
        public String eventType() {
            return "CheckoutCreated";
        }
    }

    /** No session could be created for it ({@code CheckoutFailed}). */
    record CheckoutFailure(String eventId, Instant occurredAt, CheckoutFailureReason reason, String detail,
                           String field) implements Fact {
        @Override
        public String eventType() {
            return "CheckoutFailed";
        }
    }

    /** The customer finished Checkout ({@code CheckoutCompleted}). */
    record Completion(String eventId, Instant occurredAt, String sessionId, CheckoutMode mode,
                      PaymentStatus paymentStatus, Amount amountTotal, String customerId, String customerEmail,
                      String paymentIntentId, String subscriptionId, String setupIntentId, Purchase purchase)
            implements Fact {
        @Override
        public String eventType() {
            return "CheckoutCompleted";
        }
    }

    /** A delayed payment succeeded or failed ({@code CheckoutAsyncPaymentSucceeded} / {@code ...Failed}). */
    record AsyncPayment(String eventId, Instant occurredAt, String sessionId, boolean succeeded,
                        String paymentIntentId, Amount amountTotal, String paymentMethodType) implements Fact {
        @Override
        public String eventType() {
            return succeeded ? "CheckoutAsyncPaymentSucceeded" : "CheckoutAsyncPaymentFailed";
        }
    }

    /**
     * The session expired unpaid ({@code CheckoutExpired}); with the customer's last failed attempt,
     * when there was one (its method type, Stripe's error code and message).
     */
    record Expiry(String eventId, Instant occurredAt, String sessionId, String failedMethodType, String failureCode,
                  String failureMessage) implements Fact {
        @Override
        public String eventType() {
            return "CheckoutExpired";
        }
    }
}
