package org.checkoutpipeline.fulfillment.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.checkoutpipeline.fulfillment.state.Decision;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderEvents;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.fulfillment.state.Verdict;
import org.checkoutpipeline.schemas.topic.DeadLetters;

/**
 * Keeps each order's {@link OrderFacts} and publishes its decision and status changes.
 *
 * <p>Records arrive as raw bytes and are decoded here, not by a {@code DeserializationExceptionHandler},
 * so that a record that cannot be used (undecodable, of the wrong type, keyed by something other than its
 * order id) is written to {@code <topic>.dlq} with its original key, value and headers, the reason, and
 * its source partition and offset, in the same Kafka transaction as the consumed offset: under
 * {@code exactly_once_v2} it is dead-lettered exactly once and processing goes on.
 *
 * <p>The decision is published only when the stored state has none yet, and the state with the
 * decision is written in the same transaction as the published event: exactly once per order.
 * Time-based rules (the order wait timeout, the expiry grace, the cancellation settlement) are
 * evaluated by a wall-clock punctuation that reads only the orders due, from a {@link DeadlineIndex}
 * rebuilt from the order store when the task starts.
 */
final class FulfillmentProcessor implements Processor<byte[], byte[], String, Output> {

    /** How many orders each task keeps decoded; an order's events are mostly processed close together. */
    private static final int RECENT_ORDERS = 2_000;
    /** An input younger than this means the task is caught up; see {@link #requestEarlyCommit}. */
    static final long EARLY_COMMIT_MAX_INPUT_AGE_MS = 50;

    private final InputDecoder decoder;
    private final OrderDecider decider;
    private final Clock clock;
    private final Duration checkInterval;
    private final FulfillmentMetrics metrics;
    private final String ordersPlacedTopic;
    private final IntSupplier ordersPlacedPartitions;
    private ProcessorContext<String, Output> context;
    private OrderStore orders;
    private DeadlineIndex deadlines;
    private FulfillmentMetrics.StatusCounts statusCounts;

    /**
     * @param ordersPlacedPartitions the partition count of {@code ordersPlacedTopic}, to tell an order
     *                               published on another partition than its key's; 0 while unknown
     */
    FulfillmentProcessor(InputDecoder decoder, OrderDecider decider, Clock clock, Duration checkInterval,
                   FulfillmentMetrics metrics, String ordersPlacedTopic, IntSupplier ordersPlacedPartitions) {
        this.ordersPlacedTopic = Objects.requireNonNull(ordersPlacedTopic, "ordersPlacedTopic");
        this.ordersPlacedPartitions = Objects.requireNonNull(ordersPlacedPartitions, "ordersPlacedPartitions");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        KeyValueStore<String, OrderFacts> store = context.getStateStore(FulfillmentTopology.ORDER_STORE);
        this.orders = new OrderStore(store, RECENT_ORDERS);
        this.deadlines = new DeadlineIndex();
        this.statusCounts = metrics.statusCounts(context.taskId().toString());
        try (KeyValueIterator<String, OrderFacts> all = store.all()) {
            all.forEachRemaining(entry -> {
                statusCounts.moved(null, entry.value.lastStatus());
                deadlines.move(entry.key, null, entry.value.nextCheckAt());
            });
        }
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> checkDeadlines());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Input input = decoder.decode(source.topic(), record.key(), record.value());
        if (input instanceof Input.Rejected rejected) {
            deadLetter(record, source, rejected);
            return;
        }
        Input.Accepted accepted = (Input.Accepted) input;
        if (misplaced(source, record.key())) {
            // Published with another partitioner than Kafka's murmur2 (librdkafka's default, say): its
            // checkout events are on the key's partition, so the copy the checkout worker moves there is
            // the one that counts, in the task that sees them.
            metrics.misplaced();
            return;
        }
        Instant now = now();
        OrderFacts stored = orders.get(accepted.orderId());
        OrderFacts known = stored == null ? OrderFacts.empty(accepted.orderId()) : stored;
        OrderFacts updated = known.with(accepted.fact(), now);
        if (updated == known) {
            metrics.duplicate();
            return;
        }
        settle(stored, updated, now, record.timestamp());
    }

    private boolean misplaced(RecordMetadata source, byte[] key) {
        int partitions = ordersPlacedPartitions.getAsInt();
        return partitions > 0 && key != null && source.topic().equals(ordersPlacedTopic)
                && Utils.toPositive(Utils.murmur2(key)) % partitions != source.partition();
    }

    @Override
    public void close() {
        if (statusCounts != null) {
            statusCounts.release();
        }
    }

    private void checkDeadlines() {
        Instant now = now();
        for (DeadlineIndex.Due due : deadlines.dueBy(now)) {
            OrderFacts order = orders.get(due.orderId());
            if (order == null || !due.at().equals(order.nextCheckAt())) {
                deadlines.remove(due);
                continue;
            }
            settle(order, order, now, now.toEpochMilli());
        }
    }

    /**
     * Applies the decider's verdict to an order whose facts or time changed: makes the decision if
     * one is due, raises alerts, then stores the order and publishes its status if anything visible changed.
     */
    private void settle(OrderFacts stored, OrderFacts order, Instant now, long timestamp) {
        Verdict verdict = decider.decide(order, now);
        Optional<Decision> due = verdict.dueDecision();
        if (due.isPresent()) {
            order = order.decided(due.get());
            emit(order.orderId(), new Output.DecisionEvent(OrderEvents.decisionOf(order)), timestamp);
            metrics.decided(due.get());
            requestEarlyCommit(timestamp);
            verdict = decider.decide(order, now);
        }
        for (OrderFacts.Alert alert : verdict.alerts()) {
            if (!order.alerts().contains(alert)) {
                metrics.alertRaised(alert);
            }
        }
        OrderFacts settled = order.settled(verdict.status(), verdict.alerts(), verdict.nextCheckAt(), now);
        if (settled.equals(stored)) {
            return;
        }
        deadlines.move(settled.orderId(), stored == null ? null : stored.nextCheckAt(), settled.nextCheckAt());
        orders.put(settled);
        statusCounts.moved(stored == null ? null : stored.lastStatus(), settled.lastStatus());
        if (stored == null || settled.version() != stored.version()) {
            emit(settled.orderId(), new Output.StatusSnapshot(OrderEvents.statusOf(settled, verdict)), timestamp);
        }
    }

    /**
     * Downstream waits for a decision, which becomes visible when the transaction commits. When the input
     * that led to it is fresh (the task is caught up), the commit is requested for the end of this batch
     * rather than left to the commit interval: at low load a decision is visible some 50 ms sooner. When
     * the input is older (the task has a backlog), the interval's commits stay the only ones, so that
     * batches grow and each commit, which costs the same whatever it holds, carries many decisions.
     */
    private void requestEarlyCommit(long inputTimestamp) {
        if (System.currentTimeMillis() - inputTimestamp <= EARLY_COMMIT_MAX_INPUT_AGE_MS) {
            context.commit();
        }
    }

    private void emit(String orderId, Output output, long timestamp) {
        context.forward(new Record<>(orderId, output, timestamp, new RecordHeaders()));
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata source, Input.Rejected rejected) {
        Headers headers = DeadLetters.headersOf(record.headers(), source.topic(), source.partition(), source.offset(),
                rejected.errorType(), rejected.error(), now());
        headers.add(DeadLetters.APPLICATION_ID, context.applicationId().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>((String) null, new Output.DeadLetter(record.key(), record.value()),
                record.timestamp(), headers));
        metrics.deadLettered(source.topic(), rejected.errorType());
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
