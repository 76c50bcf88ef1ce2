package org.checkoutpipeline.fulfillment.state;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.TimelineEntry;

/** The events the fulfillment worker publishes, built from an order's facts. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** The {@code FulfillmentRequested} or {@code OrderCancelled} announcing the order's decision. */
    public static SpecificRecord decisionOf(OrderFacts order) {
        Decision decision = order.decision();
        if (decision == null) {
            throw new IllegalStateException("Order " + order.orderId() + " has no decision to publish");
        }
        if (decision.outcome() == Decision.Outcome.CANCELLED) {
            return OrderCancelled.newBuilder()
                    .setEventId(decision.eventId())
                    .setOrderId(order.orderId())
                    .setOccurredAt(decision.decidedAt())
                    .setCheckoutSessionId(sessionId(order))
                    .setReason(decision.reason())
                    .setDetail(decision.detail())
                    .build();
        }
        Fact.Placed placed = order.placed();
        Fact.Completion completed = order.completed();
        Fact.AsyncPayment async = order.asyncSucceeded();
        return FulfillmentRequested.newBuilder()
                .setEventId(decision.eventId())
                .setOrderId(order.orderId())
                .setOccurredAt(decision.decidedAt())
                .setCheckoutSessionId(completed.sessionId())
                .setMode(completed.mode())
                .setPaymentStatus(async != null ? PaymentStatus.PAID : completed.paymentStatus())
                .setAmountTotal(money(firstNonNull(completed.amountTotal(),
                        async == null ? null : async.amountTotal(),
                        order.created() == null ? null : order.created().amountTotal())))
                .setLineItems(placed.lineItems().stream().map(OrderEvents::lineItem).toList())
                .setMetadata(placed.metadata())
                .setCustomerId(firstNonNull(completed.customerId(), placed.customerId()))
                .setCustomerEmail(firstNonNull(completed.customerEmail(), placed.customerEmail()))
                .setPaymentIntentId(firstNonNull(completed.paymentIntentId(), async == null ? null : async.paymentIntentId()))
                .setSubscriptionId(completed.subscriptionId())
                .setSetupIntentId(completed.setupIntentId())
                .setPurchase(purchaseOf(order))
                .build();
    }

    /**
     * The completion's purchase as it stands now: captured once a delayed payment succeeded, and each
     * charged line's SKU, where Stripe's product had none, taken from the ordered line of the same Price.
     */
    static Purchase purchaseOf(OrderFacts order) {
        Fact.Completion completed = order.completed();
        if (completed == null || completed.purchase() == null) {
            return null;
        }
        Purchase purchase = completed.purchase();
        boolean settled = order.asyncSucceeded() != null && purchase.getCapture() != CaptureState.CAPTURED;
        boolean missingSku = order.placed() != null
                && purchase.getLineItems().stream().anyMatch(line -> line.getSku() == null && line.getPriceId() != null);
        if (!settled && !missingSku) {
            return purchase;
        }
        Purchase.Builder copy = Purchase.newBuilder(purchase);
        if (settled) {
            copy.setCapture(CaptureState.CAPTURED);
        }
        if (missingSku) {
            Map<String, String> skus = new HashMap<>();
            order.placed().lineItems().stream().filter(item -> item.priceId() != null && item.sku() != null)
                    .forEach(item -> skus.putIfAbsent(item.priceId(), item.sku()));
            copy.setLineItems(purchase.getLineItems().stream()
                    .map(line -> line.getSku() != null || !skus.containsKey(line.getPriceId()) ? line
                            : ChargedLineItem.newBuilder(line).setSku(skus.get(line.getPriceId())).build())
                    .toList());
        }
        return copy.build();
    }

    /** The order's status snapshot for {@code orders.status} and the status API, as of its last change. */
    public static OrderStatus statusOf(OrderFacts order, Verdict verdict) {
        Instant updatedAt = order.updatedAt();
        Fact.Completion completed = order.completed();
        Fact.SessionCreated created = order.created();
        return OrderStatus.newBuilder()
                .setEventId("sts_" + order.orderId() + "_" + order.version())
                .setOrderId(order.orderId())
                .setOccurredAt(updatedAt)
                .setStatus(verdict.status())
                .setMode(mode(order))
                .setCheckoutSessionId(sessionId(order))
                .setCheckoutUrl(created == null ? null : created.url())
                .setExpiresAt(created == null ? null : created.expiresAt())
                .setAmountTotal(money(firstNonNull(completed == null ? null : completed.amountTotal(),
                        created == null ? null : created.amountTotal())))
                .setPaymentStatus(paymentStatus(order))
                .setCancellationReason(order.decision() == null ? null : order.decision().reason())
                .setDetail(verdict.detail())
                .setExpiryOverdue(verdict.expiryOverdue())
                .setUpdatedAt(updatedAt)
                .setTimeline(order.timeline().stream()
                        .map(item -> new TimelineEntry(item.eventType(), item.eventId(), item.occurredAt()))
                        .toList())
                .setPurchase(purchaseOf(order))
                .build();
    }

    private static CheckoutMode mode(OrderFacts order) {
        if (order.completed() != null) {
            return order.completed().mode();
        }
        if (order.created() != null) {
            return order.created().mode();
        }
        return order.placed() == null ? null : order.placed().mode();
    }

    private static PaymentStatus paymentStatus(OrderFacts order) {
        if (order.completed() == null) {
            return null;
        }
        return order.asyncSucceeded() != null ? PaymentStatus.PAID : order.completed().paymentStatus();
    }

    private static String sessionId(OrderFacts order) {
        if (order.completed() != null) {
            return order.completed().sessionId();
        }
        if (order.created() != null) {
            return order.created().sessionId();
        }
        if (order.expired() != null) {
            return order.expired().sessionId();
        }
        if (order.asyncFailed() != null) {
            return order.asyncFailed().sessionId();
        }
        return order.asyncSucceeded() == null ? null : order.asyncSucceeded().sessionId();
    }

    private static LineItem lineItem(Fact.Item item) {
        return LineItem.newBuilder()
                .setName(item.name())
                .setDescription(item.description())
                .setUnitAmount(item.unitAmount())
                .setQuantity(item.quantity())
                .setRecurring(item.interval() == null ? null
                        : new Recurring(item.interval(), item.intervalCount() == null ? 1 : item.intervalCount()))
                .setSku(item.sku())
                .setPriceId(item.priceId())
                .build();
    }

    private static Money money(Fact.Amount amount) {
        return amount == null ? null : new Money(amount.amount(), amount.currency());
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
