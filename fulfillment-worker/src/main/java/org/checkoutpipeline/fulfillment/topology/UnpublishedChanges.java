package org.checkoutpipeline.fulfillment.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.checkoutpipeline.fulfillment.state.OrderFacts;

/**
 * A task's orders with a stored change whose status snapshot is not published yet.
 *
 * <p>Each such order is marked in a store of its own, written in the same Kafka transaction as the
 * change, and unmarked in the transaction that publishes its snapshot. So a change committed before
 * its publication is still marked when a worker next starts the task, after a crash, a rebalance or
 * a restart, and that worker publishes it. A mark is a few bytes, where recording the publication in
 * the order's own state would rewrite the whole state. The latest state of each marked order is also
 * kept in memory, so publishing reads nothing back.
 */
final class UnpublishedChanges {

    private static final byte[] MARK = new byte[0];

    private final KeyValueStore<String, byte[]> marks;
    /** The marked orders, as last stored; null for a mark whose order is not stored. */
    private final Map<String, OrderFacts> latest = new LinkedHashMap<>();

    /** Reads the marks the task's store holds, left by changes that were committed but not published. */
    UnpublishedChanges(KeyValueStore<String, byte[]> marks, KeyValueStore<String, OrderFacts> orders) {
        this.marks = Objects.requireNonNull(marks, "marks");
        try (KeyValueIterator<String, byte[]> all = marks.all()) {
            all.forEachRemaining(mark -> latest.put(mark.key, orders.get(mark.key)));
        }
    }

    /** Marks the order as changed, once until its next publication, and keeps its latest state. */
    void changed(OrderFacts order) {
        if (!latest.containsKey(order.orderId())) {
            marks.put(order.orderId(), MARK);
        }
        latest.put(order.orderId(), order);
    }

    /** Hands the latest state of each marked order to {@code publish}, then unmarks it. */
    void publish(Consumer<OrderFacts> publish) {
        for (Map.Entry<String, OrderFacts> entry : latest.entrySet()) {
            if (entry.getValue() != null) {
                publish.accept(entry.getValue());
            }
            marks.delete(entry.getKey());
        }
        latest.clear();
    }
}
