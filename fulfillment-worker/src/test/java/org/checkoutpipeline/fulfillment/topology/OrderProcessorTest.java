package org.checkoutpipeline.fulfillment.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.fulfillment.MutableClock;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.checkoutpipeline.fulfillment.state.EventFacts;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.fulfillment.state.OrderFactsSerde;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.junit.jupiter.api.Test;

/** The order processor starting a task whose stores hold a change that a previous owner committed but did not publish. */
class OrderProcessorTest {

    private static final Instant NOW = TopologyHarness.START;

    private final MockProcessorContext<String, Output> context = new MockProcessorContext<>();
    private final KeyValueStore<String, OrderFacts> orders = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(FulfillmentTopology.ORDER_STORE), Serdes.String(), new OrderFactsSerde())
            .withLoggingDisabled().build();
    private final KeyValueStore<String, byte[]> marks = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(FulfillmentTopology.UNPUBLISHED_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build();

    @Test
    void aTaskStartedOverAMarkedChangePublishesItAtItsFirstPunctuationOnly() {
        addStores();
        OrderFacts published = placed("published").settled(OrderState.PLACED, Set.of(), null, NOW);
        OrderFacts unpublished = placed("unpublished")
                .with(EventFacts.of(new TestEvents("unpublished", NOW).created(CheckoutMode.PAYMENT,
                        NOW.plusSeconds(3600))), NOW)
                .settled(OrderState.CHECKOUT_OPEN, Set.of(), NOW.plusSeconds(4500), NOW);
        orders.put("published", published);
        orders.put("unpublished", unpublished);
        marks.put("unpublished", new byte[0]);

        OrderProcessor processor = processor();
        processor.init(context);
        assertThat(context.forwarded()).isEmpty();
        publish();
        publish();

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo("unpublished");
            OrderStatus status = ((Output.StatusSnapshot) forward.record().value()).status();
            assertThat(status.getStatus()).isEqualTo(OrderState.CHECKOUT_OPEN);
            assertThat(status.getEventId()).isEqualTo("sts_unpublished_" + unpublished.version());
        });
        assertThat(marks.get("unpublished")).isNull();
        processor.close();
    }

    private void publish() {
        context.scheduledPunctuators().stream()
                .filter(punctuator -> punctuator.getInterval().equals(TopologyHarness.PUBLISH_INTERVAL))
                .forEach(punctuator -> punctuator.getPunctuator().punctuate(NOW.toEpochMilli()));
    }

    private OrderFacts placed(String orderId) {
        return OrderFacts.empty(orderId).with(EventFacts.of(new TestEvents(orderId, NOW).placed(CheckoutMode.PAYMENT)), NOW);
    }

    private void addStores() {
        orders.init(context.getStateStoreContext(), orders);
        context.addStateStore(orders);
        marks.init(context.getStateStoreContext(), marks);
        context.addStateStore(marks);
        KeyValueStore<?, ?> deadlines = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(FulfillmentTopology.DEADLINE_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        deadlines.init(context.getStateStoreContext(), deadlines);
        context.addStateStore(deadlines);
    }

    private OrderProcessor processor() {
        return new OrderProcessor(new InputDecoder(EventCodec.standard(), "orders.placed"),
                new OrderDecider(new OrderDecider.Rules(TopologyHarness.ORDER_WAIT, TopologyHarness.EXPIRY_GRACE,
                        TopologyHarness.SETTLEMENT)),
                new MutableClock(NOW), TopologyHarness.CHECK_INTERVAL, TopologyHarness.PUBLISH_INTERVAL,
                new FulfillmentMetrics(new SimpleMeterRegistry()));
    }
}
