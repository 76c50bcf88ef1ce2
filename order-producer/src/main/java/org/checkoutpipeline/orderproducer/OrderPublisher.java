package org.checkoutpipeline.orderproducer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventSerializer;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.checkoutpipeline.schemas.order.OrderValidator;

/**
 * Publishes {@code OrderPlaced} to {@code orders.placed} for upstream commerce systems, and lets a
 * storefront wait for the order's checkout: the {@code CheckoutCreated} whose URL the customer is
 * redirected to, or the {@code CheckoutFailed} saying why there is none.
 *
 * <p>Orders are validated before anything is sent ({@link InvalidOrderException} names the field
 * and value) and written by an idempotent {@code acks=all} producer keyed by {@code orderId}.
 * Awaiting uses one consumer of {@code checkout.events} shared by every call. Thread-safe: one
 * instance serves a whole application.
 *
 * <pre>{@code
 * try (OrderPublisher orders = OrderPublisher.create(KafkaSettings.of("localhost:9092"))) {
 *     orders.publish(order).join();                                   // acknowledged by Kafka
 *     CheckoutOutcome outcome = orders.awaitCheckout(order.getOrderId(), Duration.ofSeconds(10)).join();
 *     if (outcome instanceof CheckoutOutcome.Created created) {
 *         response.redirect(created.url());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #awaitCheckout} sees outcomes published after the publisher started (and remembers the
 * most recent ones), so publish first and await after, on the same instance.
 */
public final class OrderPublisher implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final OrderPublisherConfig config;
    private final OrderValidator validator = new OrderValidator();
    private final KafkaProducer<String, OrderPlaced> producer;
    private final CheckoutWatcher watcher;

    public OrderPublisher(OrderPublisherConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.producer = new KafkaProducer<>(config.kafka().clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, config.deliveryTimeout().toMillis()),
                ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-producer")),
                new StringSerializer(), new EventSerializer<>());
        if (config.watchCheckouts()) {
            try {
                this.watcher = new CheckoutWatcher(config).start(START_TIMEOUT);
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        } else {
            this.watcher = null;
        }
    }

    /** A publisher with the defaults of {@link OrderPublisherConfig#of(KafkaSettings)}. */
    public static OrderPublisher create(KafkaSettings kafka) {
        return new OrderPublisher(OrderPublisherConfig.of(kafka));
    }

    public OrderPublisherConfig config() {
        return config;
    }

    /**
     * Validates the order and sends it; the future completes once every in-sync replica has it, or
     * exceptionally with Kafka's error after the delivery timeout.
     *
     * @throws InvalidOrderException at once, before anything is sent, for an order the pipeline would refuse
     */
    public CompletableFuture<PublishedOrder> publish(OrderPlaced order) {
        Objects.requireNonNull(order, "order");
        validator.validate(order);
        CompletableFuture<PublishedOrder> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(config.ordersTopic(), order.getOrderId(), order), (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(new PublishedOrder(order.getOrderId(), metadata.topic(), metadata.partition(),
                        metadata.offset(), Instant.ofEpochMilli(metadata.timestamp())));
            }
        });
        return result;
    }

    /**
     * The order's checkout outcome: completes with {@link CheckoutOutcome.Created} or
     * {@link CheckoutOutcome.Failed} as soon as it is on {@code checkout.events}, or exceptionally
     * with {@link CheckoutTimeoutException} after {@code timeout}.
     *
     * @throws IllegalStateException if this publisher was configured without the checkout watch
     */
    public CompletableFuture<CheckoutOutcome> awaitCheckout(String orderId, Duration timeout) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(timeout, "timeout");
        if (watcher == null) {
            throw new IllegalStateException("This OrderPublisher does not watch " + config.checkoutTopic()
                    + " (built withoutCheckoutWatch()); awaitCheckout is unavailable");
        }
        return watcher.await(orderId, timeout);
    }

    /**
     * {@link #publish} then {@link #awaitCheckout}: the path a storefront's request handler takes
     * before redirecting the customer. The timeout counts from the call.
     */
    public CompletableFuture<CheckoutOutcome> publishAndAwaitCheckout(OrderPlaced order, Duration timeout) {
        validator.validate(order);
        CompletableFuture<CheckoutOutcome> outcome = awaitCheckout(order.getOrderId(), timeout);
        publish(order).whenComplete((published, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
            }
        });
        return outcome;
    }

    /** Sends everything buffered and waits for its acknowledgement. */
    public void flush() {
        producer.flush();
    }

    /** Sends what is buffered, then stops the producer and the checkout watch. */
    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
    }
}
