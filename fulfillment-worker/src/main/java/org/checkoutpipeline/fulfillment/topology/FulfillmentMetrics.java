package org.checkoutpipeline.fulfillment.topology;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.fulfillment.state.Decision;
import org.checkoutpipeline.fulfillment.state.OrderFacts;

/**
 * The worker's own metrics (Kafka Streams' are bound separately):
 * <ul>
 *   <li>{@code fulfillment_requested_total}, {@code fulfillment_cancelled_total{reason}}: decisions published</li>
 *   <li>{@code fulfillment_orders{status}}: orders held by this instance's tasks, by status</li>
 *   <li>{@code fulfillment_dead_letters_total{topic,problem}}: input records sent to a DLQ</li>
 *   <li>{@code fulfillment_events_duplicate_total}: input events seen before (redeliveries, repeated webhooks)</li>
 *   <li>{@code fulfillment_orders_missing_total}: orders whose checkout events waited past the timeout for them</li>
 *   <li>{@code fulfillment_sessions_expiry_overdue_total}: sessions past expiry plus grace with no expiry or completion</li>
 * </ul>
 * Counters count processing: after a crash, Kafka Streams reprocesses the uncommitted records, and
 * their counts are recorded again, although their output is published once.
 */
public final class FulfillmentMetrics {

    private static final OrderState[] STATES = OrderState.values();

    private final MeterRegistry registry;
    private final Counter fulfilled;
    private final Counter duplicates;
    private final Counter ordersMissing;
    private final Counter expiryOverdue;
    private final Counter misplaced;
    private final Map<String, AtomicLongArray> ordersByTask = new ConcurrentHashMap<>();

    public FulfillmentMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.fulfilled = Counter.builder("fulfillment.requested")
                .description("FulfillmentRequested events published").register(registry);
        this.duplicates = Counter.builder("fulfillment.events.duplicate")
                .description("Input events ignored because they were seen before").register(registry);
        this.ordersMissing = Counter.builder("fulfillment.orders.missing")
                .description("Orders whose checkout events waited longer than the timeout for the OrderPlaced").register(registry);
        this.misplaced = Counter.builder("fulfillment.orders.misplaced")
                .description("OrderPlaced records on another partition than their key's (a non-Java partitioner);"
                        + " skipped here, the checkout worker moves them to their partition").register(registry);
        this.expiryOverdue = Counter.builder("fulfillment.sessions.expiry.overdue")
                .description("Sessions past expires_at plus grace with neither expiry nor completion received").register(registry);
        for (OrderState state : STATES) {
            Gauge.builder("fulfillment.orders", this, metrics -> metrics.orders(state))
                    .description("Orders held by this instance, by status")
                    .tag("status", state.name())
                    .register(registry);
        }
        for (CancellationReason reason : CancellationReason.values()) {
            cancelled(reason);   // exported at zero from the start
        }
    }

    private Counter cancelled(CancellationReason reason) {
        return Counter.builder("fulfillment.cancelled").description("OrderCancelled events published")
                .tag("reason", reason.name()).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void decided(Decision decision) {
        if (decision.outcome() == Decision.Outcome.FULFILLMENT_REQUESTED) {
            fulfilled.increment();
        } else {
            cancelled(decision.reason()).increment();
        }
    }

    void deadLettered(String topic, String problem) {
        Counter.builder("fulfillment.dead.letters").description("Input records sent to a dead-letter topic")
                .tag("topic", topic).tag("problem", problem).register(registry).increment();
    }

    void misplaced() {
        misplaced.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void alertRaised(OrderFacts.Alert alert) {
        switch (alert) {
            case ORDER_MISSING -> ordersMissing.increment();
            case EXPIRY_OVERDUE -> expiryOverdue.increment();
        }
    }

    /** Starts counting a task's orders by status; its counts start at zero. */
    StatusCounts statusCounts(String taskId) {
        AtomicLongArray counts = new AtomicLongArray(STATES.length);
        ordersByTask.put(taskId, counts);
        return new StatusCounts(counts, () -> ordersByTask.remove(taskId, counts));
    }

    private double orders(OrderState state) {
        return ordersByTask.values().stream().mapToLong(counts -> counts.get(state.ordinal())).sum();
    }

    /** One task's orders by status, for the {@code fulfillment_orders} gauge. */
    static final class StatusCounts {
        private final AtomicLongArray counts;
        private final Runnable release;

        private StatusCounts(AtomicLongArray counts, Runnable release) {
            this.counts = counts;
            this.release = release;
        }

        void moved(OrderState from, OrderState to) {
            if (from == to) {
                return;
            }
            if (from != null) {
                counts.decrementAndGet(from.ordinal());
            }
            if (to != null) {
                counts.incrementAndGet(to.ordinal());
            }
        }

        /** The task left this instance: its orders are counted wherever it went. */
        void release() {
            release.run();
        }
    }
}
