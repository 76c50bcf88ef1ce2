package org.checkoutpipeline.fulfillment.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;
import org.checkoutpipeline.fulfillment.state.OrderFacts;

/**
 * The task's order store, with the orders it read or wrote most recently kept as objects.
 *
 * <p>An order's events usually arrive close together, and every read of the Kafka Streams store
 * decodes the stored bytes again. Only the task's processor writes the store, and every write goes
 * through here to the store as well, so the objects kept are exactly what the store holds; they
 * are dropped whenever the processor is initialised again (a restore or a revived task).
 */
final class OrderStore {

    private final KeyValueStore<String, OrderFacts> store;
    private final Map<String, OrderFacts> recent;

    OrderStore(KeyValueStore<String, OrderFacts> store, int recentLimit) {
        this.store = Objects.requireNonNull(store, "store");
        this.recent = new LinkedHashMap<>(Math.min(recentLimit, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderFacts> eldest) {
                return size() > recentLimit;
            }
        };
    }

    /** The order's stored facts, or null if nothing is stored for it. */
    OrderFacts get(String orderId) {
        OrderFacts order = recent.get(orderId);
        if (order == null) {
            order = store.get(orderId);
            if (order != null) {
                recent.put(orderId, order);
            }
        }
        return order;
    }

    void put(OrderFacts order) {
        store.put(order.orderId(), order);
        recent.put(order.orderId(), order);
    }
}
