package org.checkoutpipeline.allinone;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.checkoutpipeline.events.Address;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.schemas.serde.EventDeserializer;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * A downstream warehouse as the README's integrator example writes it: a {@code read_committed}
 * consumer of {@code fulfillment.events} that turns each {@code FulfillmentRequested} into a parcel
 * (name, address, SKUs and quantities, shipping rate) and ignores everything else.
 */
final class Warehouse implements AutoCloseable {

    record Parcel(String orderId, String name, String address, List<String> lines, String shippingRate, long discount) {
        static Parcel of(FulfillmentRequested fulfilment) {
            Purchase purchase = fulfilment.getPurchase();
            Address a = purchase.getShipping().getAddress();
            return new Parcel(fulfilment.getOrderId(), purchase.getShipping().getName(),
                    a.getLine1() + ", " + a.getPostalCode() + " " + a.getCity() + ", " + a.getCountry(),
                    purchase.getLineItems().stream().map(Warehouse::line).toList(),
                    purchase.getShipping().getShippingRateName(), purchase.getAmounts().getDiscount());
        }
    }

    private final KafkaConsumer<String, Object> consumer;
    private final Map<String, Parcel> parcels = new HashMap<>();

    Warehouse(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "warehouse-" + System.nanoTime());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(Topics.FULFILLMENT_EVENTS.name()));
    }

    private static String line(ChargedLineItem line) {
        return line.getQuantity() + " x " + line.getSku();
    }

    /** Polls until the order's parcel is known, or fails after {@code timeout}. */
    Parcel awaitParcel(String orderId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!parcels.containsKey(orderId)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No FulfillmentRequested for " + orderId + " within " + timeout);
            }
            for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() instanceof FulfillmentRequested fulfilment) {
                    parcels.put(fulfilment.getOrderId(), Parcel.of(fulfilment));
                }
            }
        }
        return parcels.get(orderId);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
