package org.checkoutpipeline.fulfillment.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.fulfillment.state.OrderFactsSerde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private KeyValueStore<String, OrderFacts> store;

    @BeforeEach
    void createStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("orders"), Serdes.String(), new OrderFactsSerde())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void writesGoToTheStoreAndReadsFallBackToItOnceAnOrderIsNoLongerKept() {
        OrderStore orders = new OrderStore(store, 1);
        OrderFacts first = order("o-1");
        OrderFacts second = order("o-2");

        orders.put(first);
        assertThat(orders.get("o-1")).isSameAs(first);
        orders.put(second);

        assertThat(store.get("o-1")).isEqualTo(first);
        assertThat(store.get("o-2")).isEqualTo(second);
        assertThat(orders.get("o-1")).as("read back from the store after being dropped").isEqualTo(first)
                .isNotSameAs(first);
        assertThat(orders.get("never-stored")).isNull();
    }

    @Test
    void aNewerWriteReplacesWhatIsKept() {
        OrderStore orders = new OrderStore(store, 10);
        OrderFacts placed = order("o-1");
        orders.put(placed);
        OrderFacts settled = placed.settled(OrderState.CHECKOUT_OPEN, java.util.Set.of(), null, NOW.plusSeconds(1));

        orders.put(settled);

        assertThat(orders.get("o-1")).isSameAs(settled);
        assertThat(store.get("o-1")).isEqualTo(settled);
    }

    private static OrderFacts order(String orderId) {
        return OrderFacts.empty(orderId).settled(OrderState.PLACED, java.util.Set.of(), null, NOW);
    }
}
