package org.checkoutpipeline.schemas.topic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalogue: every topic of the pipeline, its default partition count and settings.
 * Every record is keyed by {@code orderId}.
 *
 * <p>{@code orders.placed} and {@code checkout.events} must have the same partition count: the
 * fulfillment worker joins them per order.
 */
public final class Topics {

    /** Partitions of the main topics: room to scale each service to this many instances. */
    public static final int DEFAULT_PARTITIONS = 12;
    /** Partitions of each dead-letter topic: little traffic, ordering within one source kept per key. */
    public static final int DLQ_PARTITIONS = 3;
    public static final String DLQ_SUFFIX = ".dlq";

    public static final TopicSpec ORDERS_PLACED = new TopicSpec("orders.placed", DEFAULT_PARTITIONS, Map.of(),
            "OrderPlaced, written by upstream commerce systems through order-producer.");
    public static final TopicSpec CHECKOUT_EVENTS = new TopicSpec("checkout.events", DEFAULT_PARTITIONS, Map.of(),
            "CheckoutCreated and CheckoutFailed (checkout worker); CheckoutCompleted, CheckoutExpired, "
                    + "CheckoutAsyncPaymentSucceeded and CheckoutAsyncPaymentFailed (webhook bridge).");
    public static final TopicSpec FULFILLMENT_EVENTS = new TopicSpec("fulfillment.events", DEFAULT_PARTITIONS, Map.of(),
            "FulfillmentRequested and OrderCancelled, exactly once per order (fulfillment worker).");
    public static final TopicSpec ORDERS_STATUS = new TopicSpec("orders.status", DEFAULT_PARTITIONS,
            Map.of("cleanup.policy", "compact"),
            "OrderStatus snapshots, the latest per order kept (fulfillment worker).");

    /** Internal to the webhook bridge: how far reconciliation with Stripe's event list has got. */
    public static final TopicSpec WEBHOOK_BRIDGE_CHECKPOINTS = new TopicSpec("webhook-bridge.checkpoints", 1,
            Map.of("cleanup.policy", "compact"),
            "The webhook bridge's reconciliation checkpoint (epoch seconds), shared by its instances.");

    public static final TopicSpec ORDERS_PLACED_DLQ = deadLetterTopicOf(ORDERS_PLACED);
    public static final TopicSpec CHECKOUT_EVENTS_DLQ = deadLetterTopicOf(CHECKOUT_EVENTS);

    private static final List<TopicSpec> ALL = List.of(
            ORDERS_PLACED, CHECKOUT_EVENTS, FULFILLMENT_EVENTS, ORDERS_STATUS, ORDERS_PLACED_DLQ, CHECKOUT_EVENTS_DLQ,
            WEBHOOK_BRIDGE_CHECKPOINTS);

    private Topics() {
    }

    /** Every topic of the pipeline, dead-letter topics included. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    public static Optional<TopicSpec> named(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /** The name of the topic that receives what could not be processed from {@code topic}. */
    public static String deadLetterTopicName(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The topic a dead-letter topic collects the failures of: {@code orders.placed} for {@code orders.placed.dlq}. */
    public static String sourceTopicName(String deadLetterTopic) {
        if (!deadLetterTopic.endsWith(DLQ_SUFFIX)) {
            throw new IllegalArgumentException("Not a dead-letter topic (no " + DLQ_SUFFIX + " suffix): '"
                    + deadLetterTopic + "'");
        }
        return deadLetterTopic.substring(0, deadLetterTopic.length() - DLQ_SUFFIX.length());
    }

    private static TopicSpec deadLetterTopicOf(TopicSpec source) {
        return new TopicSpec(deadLetterTopicName(source.name()), DLQ_PARTITIONS, Map.of(),
                "Records of " + source.name() + " that could not be processed: original bytes, "
                        + "headers naming the error and the source topic, partition and offset.");
    }
}
