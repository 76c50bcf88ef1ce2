package org.checkoutpipeline.orderproducer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;

final class TestOrders {

    private TestOrders() {
    }

    static OrderPlaced.Builder order(String orderId, long unitAmount) {
        Instant now = Instant.now();
        return OrderPlaced.newBuilder()
                .setEventId("evt_" + UUID.randomUUID())
                .setOrderId(orderId)
                .setOccurredAt(now)
                .setPlacedAt(now)
                .setMode(CheckoutMode.PAYMENT)
                .setCurrency("usd")
                .setLineItems(List.of(LineItem.newBuilder().setName("T-shirt").setUnitAmount(unitAmount).setQuantity(1).build()))
                .setSuccessUrl("https://shop.example/ok?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://shop.example/cart")
                .setMetadata(Map.of());
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
