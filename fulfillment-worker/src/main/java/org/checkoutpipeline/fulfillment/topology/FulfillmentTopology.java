package org.checkoutpipeline.fulfillment.topology;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderFactsSerde;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventSerdes;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * The fulfillment worker's Kafka Streams topology.
 *
 * <pre>
 *  orders.placed ───┐                           ┌─▶ fulfillment.events (FulfillmentRequested | OrderCancelled)
 *                   ├─▶ order-state ─▶ split ───┼─▶ orders.status      (OrderStatus, compacted)
 *  checkout.events ─┘   [order-state-store]     └─▶ &lt;input&gt;.dlq        (records that could not be used)
 * </pre>
 *
 * Both inputs are keyed by order id and have the same partition count, so one task sees all the
 * events of an order, and one processor with one store keyed by order id decides it.
 */
public final class FulfillmentTopology {

    /** Each order's {@code OrderFacts}, keyed by order id; queried by the status API. */
    public static final String ORDER_STORE = "order-state-store";

    private FulfillmentTopology() {
    }

    public static Topology build(FulfillmentTopics topics, OrderDecider decider, Duration checkInterval, Clock clock,
                                 FulfillmentMetrics metrics) {
        return build(topics, decider, checkInterval, clock, metrics, () -> 0);
    }

    /**
     * @param ordersPlacedPartitions the partition count of the orders topic once known (0 before): an
     *                               order on another partition than its key's is then skipped
     */
    public static Topology build(FulfillmentTopics topics, OrderDecider decider, Duration checkInterval, Clock clock,
                                 FulfillmentMetrics metrics, IntSupplier ordersPlacedPartitions) {
        Objects.requireNonNull(topics, "topics");
        EventCodec codec = EventCodec.standard();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ORDER_STORE), Serdes.String(), new OrderFactsSerde())
                .withCachingEnabled());

        KStream<String, Output> outputs = builder
                .stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("order-inputs"))
                .process(() -> new FulfillmentProcessor(new InputDecoder(codec, topics.ordersPlaced()), decider, clock,
                        checkInterval, metrics, topics.ordersPlaced(), ordersPlacedPartitions), Named.as("order-state"),
                        ORDER_STORE);

        outputs.split(Named.as("output-"))
                .branch((orderId, output) -> output instanceof Output.DecisionEvent, Branched.withConsumer(decisions -> decisions
                        .mapValues(output -> ((Output.DecisionEvent) output).event(), Named.as("decision-event"))
                        .to(topics.fulfillmentEvents(), Produced.with(Serdes.String(), EventSerdes.anyEvent())
                                .withName("fulfillment-events")), "decisions"))
                .branch((orderId, output) -> output instanceof Output.StatusSnapshot, Branched.withConsumer(statuses -> statuses
                        .mapValues(output -> ((Output.StatusSnapshot) output).status(), Named.as("status-snapshot"))
                        .to(topics.ordersStatus(), Produced.with(Serdes.String(), EventSerdes.of(OrderStatus.class))
                                .withName("orders-status")), "statuses"))
                .branch((orderId, output) -> output instanceof Output.DeadLetter, Branched.withConsumer(deadLetters -> deadLetters
                        .map((orderId, output) -> KeyValue.pair(((Output.DeadLetter) output).key(),
                                ((Output.DeadLetter) output).value()), Named.as("dead-letter-bytes"))
                        .to((key, value, source) -> Topics.deadLetterTopicName(source.topic()),
                                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters")),
                        "dead-letters"))
                .noDefaultBranch();
        return builder.build();
    }
}
