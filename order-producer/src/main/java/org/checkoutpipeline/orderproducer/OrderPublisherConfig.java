package org.checkoutpipeline.orderproducer;

import java.time.Duration;
import java.util.Objects;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * How an {@link OrderPublisher} reaches Kafka and what it watches.
 *
 * @param kafka              bootstrap servers and any client settings (security, ...)
 * @param ordersTopic        where orders are published
 * @param checkoutTopic      where {@code CheckoutCreated}/{@code CheckoutFailed} are awaited
 * @param watchCheckouts     whether to run the shared {@code checkout.events} consumer that
 *                           {@link OrderPublisher#awaitCheckout} needs (off for batch publishing)
 * @param rememberedOutcomes how many recent checkout outcomes are kept for callers that ask after
 *                           the event arrived
 * @param deliveryTimeout    how long a publish may take, retries included, before it fails
 * @param clientId           Kafka client id prefix, to tell this application's clients apart in broker metrics
 */
public record OrderPublisherConfig(
        KafkaSettings kafka,
        String ordersTopic,
        String checkoutTopic,
        boolean watchCheckouts,
        int rememberedOutcomes,
        Duration deliveryTimeout,
        String clientId) {

    public OrderPublisherConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        if (ordersTopic == null || ordersTopic.isBlank() || checkoutTopic == null || checkoutTopic.isBlank()) {
            throw new IllegalArgumentException("ordersTopic and checkoutTopic must be named. Got: '" + ordersTopic
                    + "' and '" + checkoutTopic + "'");
        }
        if (rememberedOutcomes < 0) {
            throw new IllegalArgumentException("rememberedOutcomes must not be negative. Got: " + rememberedOutcomes);
        }
        if (deliveryTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 1s. Got: " + deliveryTimeout);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank. Got: '" + clientId + "'");
        }
    }

    /** The defaults: the catalogue's topics, checkouts watched, 100,000 outcomes remembered, 2-minute delivery timeout. */
    public static OrderPublisherConfig of(KafkaSettings kafka) {
        return new OrderPublisherConfig(kafka, Topics.ORDERS_PLACED.name(), Topics.CHECKOUT_EVENTS.name(), true,
                100_000, Duration.ofMinutes(2), "order-publisher");
    }

    /** For batch publishing: no {@code checkout.events} consumer, {@link OrderPublisher#awaitCheckout} unavailable. */
    public OrderPublisherConfig withoutCheckoutWatch() {
        return new OrderPublisherConfig(kafka, ordersTopic, checkoutTopic, false, rememberedOutcomes, deliveryTimeout,
                clientId);
    }

    public OrderPublisherConfig withClientId(String value) {
        return new OrderPublisherConfig(kafka, ordersTopic, checkoutTopic, watchCheckouts, rememberedOutcomes,
                deliveryTimeout, value);
    }

    public OrderPublisherConfig withDeliveryTimeout(Duration value) {
        return new OrderPublisherConfig(kafka, ordersTopic, checkoutTopic, watchCheckouts, rememberedOutcomes, value,
                clientId);
    }

    public String describe() {
        return "order publisher: " + kafka + ", orders to " + ordersTopic + ", "
                + (watchCheckouts ? "checkouts awaited on " + checkoutTopic + " (" + rememberedOutcomes
                        + " outcomes remembered)" : "checkouts not watched")
                + ", delivery timeout " + deliveryTimeout + ", client id " + clientId;
    }
}
