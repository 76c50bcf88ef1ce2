package org.checkoutpipeline.checkout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.schemas.order.LineItems;

/** Orders for tests: valid by default, each with a fresh id. */
public final class Orders {

    private Orders() {
    }

    public static OrderPlaced.Builder payment(String orderId) {
        return base(orderId, CheckoutMode.PAYMENT).setLineItems(new ArrayList<>(List.of(
                LineItems.inline("Coffee beans", "1 kg, whole", 2_499L, 2L, null),
                LineItems.inline("Grinder", null, 8_900L, 1L, null))));
    }

    public static OrderPlaced.Builder subscription(String orderId) {
        return base(orderId, CheckoutMode.SUBSCRIPTION).setLineItems(new ArrayList<>(List.of(
                LineItems.inline("Coffee club", "A bag every month", 1_500L, 1L, new Recurring(RecurringInterval.MONTH, 1)),
                LineItems.inline("Welcome mug", null, 1_200L, 1L, null))));
    }

    public static OrderPlaced.Builder setup(String orderId) {
        return base(orderId, CheckoutMode.SETUP).setLineItems(new ArrayList<>());
    }

    public static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    private static OrderPlaced.Builder base(String orderId, CheckoutMode mode) {
        Instant now = Instant.now();
        return OrderPlaced.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setOccurredAt(now)
                .setPlacedAt(now)
                .setCustomerEmail("jane@example.com")
                .setMode(mode)
                .setCurrency("usd")
                .setSuccessUrl("https://shop.example/thanks?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://shop.example/cart")
                .setMetadata(Map.of("channel", "web"));
    }
}
