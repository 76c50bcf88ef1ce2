package org.checkoutpipeline.fulfillment.status;

import java.time.Instant;
import java.util.List;

import org.checkoutpipeline.events.OrderStatus;

/**
 * The JSON body of {@code GET /orders/{orderId}}: the order's {@code OrderStatus} with times in ISO-8601.
 */
public record StatusView(
        String orderId,
        String status,
        String detail,
        String mode,
        String checkoutSessionId,
        String checkoutUrl,
        Instant expiresAt,
        AmountView amountTotal,
        String paymentStatus,
        String cancellationReason,
        boolean expiryOverdue,
        Instant updatedAt,
        List<TimelineView> timeline) {

    public record AmountView(long amount, String currency) {
    }

    public record TimelineView(String eventType, String eventId, Instant occurredAt) {
    }

    public static StatusView of(OrderStatus status) {
        return new StatusView(status.getOrderId(), status.getStatus().name(), status.getDetail(),
                name(status.getMode()), status.getCheckoutSessionId(), status.getCheckoutUrl(), status.getExpiresAt(),
                status.getAmountTotal() == null ? null
                        : new AmountView(status.getAmountTotal().getAmount(), status.getAmountTotal().getCurrency()),
                name(status.getPaymentStatus()), name(status.getCancellationReason()), status.getExpiryOverdue(),
                status.getUpdatedAt(),
                status.getTimeline().stream()
                        .map(entry -> new TimelineView(entry.getEventType(), entry.getEventId(), entry.getOccurredAt()))
                        .toList());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
