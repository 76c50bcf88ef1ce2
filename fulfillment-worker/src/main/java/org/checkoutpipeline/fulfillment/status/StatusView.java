package org.checkoutpipeline.fulfillment.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import org.checkoutpipeline.events.OrderStatus;

/**
 * The JSON body of {@code GET /orders/{orderId}}: the order's {@code OrderStatus} with times in
 * ISO-8601, and once checkout completed its {@code purchase} with the field names of the schema.
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
        List<TimelineView> timeline,
        Map<String, Object> purchase) {

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
                        .toList(),
                status.getPurchase() == null ? null : plain(status.getPurchase()));
    }

    /** An Avro record as plain JSON values: fields by name, enums by name, times as instants, nulls left out. */
    static Map<String, Object> plain(IndexedRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = plainValue(record.get(field.pos()));
            if (value != null) {
                json.put(field.name(), value);
            }
        }
        return json;
    }

    private static Object plainValue(Object value) {
        if (value instanceof IndexedRecord nested) {
            return plain(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StatusView::plainValue).toList();
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
