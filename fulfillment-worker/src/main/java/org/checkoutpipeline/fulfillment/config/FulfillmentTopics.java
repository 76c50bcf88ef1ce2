package org.checkoutpipeline.fulfillment.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.checkoutpipeline.schemas.topic.TopicSpec;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * The topics the worker reads and writes. Production uses the {@linkplain #catalogue() catalogue's};
 * tests and benchmarks sharing one broker use {@linkplain #prefixed(String) prefixed} copies.
 * Dead letters go to {@code <input topic>.dlq}.
 */
public record FulfillmentTopics(String ordersPlaced, String checkoutEvents, String fulfillmentEvents,
                                String ordersStatus) {

    public FulfillmentTopics {
        Objects.requireNonNull(ordersPlaced, "ordersPlaced");
        Objects.requireNonNull(checkoutEvents, "checkoutEvents");
        Objects.requireNonNull(fulfillmentEvents, "fulfillmentEvents");
        Objects.requireNonNull(ordersStatus, "ordersStatus");
    }

    public static FulfillmentTopics catalogue() {
        return new FulfillmentTopics(Topics.ORDERS_PLACED.name(), Topics.CHECKOUT_EVENTS.name(),
                Topics.FULFILLMENT_EVENTS.name(), Topics.ORDERS_STATUS.name());
    }

    /** The catalogue's topic names with a prefix, e.g. {@code test7.orders.placed}. */
    public static FulfillmentTopics prefixed(String prefix) {
        FulfillmentTopics names = catalogue();
        return new FulfillmentTopics(prefix + names.ordersPlaced, prefix + names.checkoutEvents,
                prefix + names.fulfillmentEvents, prefix + names.ordersStatus);
    }

    public List<String> inputs() {
        return List.of(ordersPlaced, checkoutEvents);
    }

    /** Every topic the worker uses, with the catalogue's partition counts and settings. */
    public List<TopicSpec> specs() {
        return List.of(
                like(Topics.ORDERS_PLACED, ordersPlaced),
                like(Topics.CHECKOUT_EVENTS, checkoutEvents),
                like(Topics.FULFILLMENT_EVENTS, fulfillmentEvents),
                like(Topics.ORDERS_STATUS, ordersStatus),
                like(Topics.ORDERS_PLACED_DLQ, Topics.deadLetterTopicName(ordersPlaced)),
                like(Topics.CHECKOUT_EVENTS_DLQ, Topics.deadLetterTopicName(checkoutEvents)));
    }

    private static TopicSpec like(TopicSpec spec, String name) {
        return new TopicSpec(name, spec.partitions(), Map.copyOf(spec.configs()), spec.doc());
    }
}
