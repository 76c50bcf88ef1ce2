package org.checkoutpipeline.checkout.processing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.stripe.model.checkout.Session;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.checkoutpipeline.checkout.stripe.SessionOutcome;
import org.checkoutpipeline.checkout.stripe.StripeCheckout;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.checkoutpipeline.schemas.order.OrderValidator;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.checkoutpipeline.schemas.serde.EventDeserializer;
import org.checkoutpipeline.schemas.serde.EventSerializer;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.checkoutpipeline.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@code orders.placed} record into what the worker publishes: a
 * {@code CheckoutCreated}; a {@code CheckoutFailed} with its reason (and, when Stripe stayed
 * unavailable, a replayable copy in the DLQ); or, for bytes that are not an order, a DLQ record.
 * Thread-safe.
 */
final class OrderCheckout implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(OrderCheckout.class);

    private final EventDeserializer<OrderPlaced> orders = EventDeserializer.forType(OrderPlaced.class);
    private final EventSerializer<SpecificRecord> events = new EventSerializer<>();
    private final OrderValidator validator = new OrderValidator();
    private final StripeCheckout stripe;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Counter consumed;
    private final Counter created;
    private final Counter misplaced;

    OrderCheckout(StripeCheckout stripe, Clock clock, MeterRegistry metrics) {
        this.misplaced = Counter.builder("orders_repartitioned")
                .description("orders.placed records on another partition than their key's (a producer without Kafka's"
                        + " murmur2 partitioner), moved to that partition").register(metrics);
        this.stripe = stripe;
        this.clock = clock;
        this.metrics = metrics;
        this.consumed = Counter.builder("orders_consumed").description("orders.placed records consumed").register(metrics);
        // Not "..._created": Prometheus reserves that suffix (a counter's creation time) and drops it on export.
        this.created = Counter.builder("checkout_sessions_opened")
                .description("CheckoutCreated events published (one per order record)").register(metrics);
        // Every reason exported from the start, at zero: an alert on its rate has a series before the first failure.
        for (CheckoutFailureReason reason : CheckoutFailureReason.values()) {
            failedCounter(reason);
        }
    }

    private Counter failedCounter(CheckoutFailureReason reason) {
        return Counter.builder("checkout_failed").tag("reason", reason.name())
                .description("CheckoutFailed events published, by reason").register(metrics);
    }

    /**
     * @param partitionCount the partition count of {@code orders.placed} (0 while unknown), to move an order
     *                       a non-Java client put on another partition than Kafka's partitioner would
     * @throws InterruptedException when the worker is stopping mid-call; the record stays uncommitted
     */
    @Override
    public OrderOutputs handle(ConsumerRecord<byte[], byte[]> record, int partitionCount) throws InterruptedException {
        consumed.increment();
        if (partitionCount > 0 && record.key() != null) {
            int expected = Utils.toPositive(Utils.murmur2(record.key())) % partitionCount;
            if (expected != record.partition()) {
                // Its checkout events go to the key's partition (Kafka's partitioner, used by this worker and the
                // bridge), where the fulfillment worker joins them: the order must be there too. The copy there
                // gets the session; this one is skipped by the fulfillment worker.
                misplaced.increment();
                log.info("Order record at orders.placed partition {} offset {} belongs on partition {} (its key's);"
                        + " moved there", record.partition(), record.offset(), expected);
                return OrderOutputs.publish(List.of(new ProducerRecord<>(record.topic(), expected, record.key(),
                        record.value(), record.headers())));
            }
        }
        OrderPlaced order;
        try {
            order = orders.deserialize(record.topic(), record.headers(), record.value());
        } catch (EventDecodingException e) {
            return deadLetter(record, e.problem().name(), e.getMessage());
        }
        if (order == null) {
            return deadLetter(record, "NULL_VALUE", "Record has no value (a tombstone): not an order");
        }
        try {
            validator.validate(order);
        } catch (InvalidOrderException e) {
            return OrderOutputs.publish(List.of(failed(order, CheckoutFailureReason.INVALID_ORDER, e.getMessage(),
                    e.field(), null, null)));
        }
        SessionOutcome outcome = stripe.create(order);
        if (outcome instanceof SessionOutcome.Created done) {
            created.increment();
            return OrderOutputs.publish(List.of(checkoutCreated(order, done.session())));
        }
        if (outcome instanceof SessionOutcome.Failed failure) {
            List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
            outputs.add(failed(order, failure.reason(), failure.detail(), failure.param(), failure.code(), failure.requestId()));
            if (failure.reason() == CheckoutFailureReason.STRIPE_UNAVAILABLE) {
                outputs.add(dlq(record, failure.reason().name(), failure.detail()));
            }
            return OrderOutputs.publish(outputs);
        }
        SessionOutcome.Unauthorized refused = (SessionOutcome.Unauthorized) outcome;
        return OrderOutputs.stop(refused.detail());
    }

    private OrderOutputs deadLetter(ConsumerRecord<byte[], byte[]> record, String type, String reason) {
        log.warn("orders.placed partition {} offset {} sent to the DLQ: {}", record.partition(), record.offset(), reason);
        return OrderOutputs.publish(List.of(dlq(record, type, reason)));
    }

    private ProducerRecord<byte[], byte[]> dlq(ConsumerRecord<byte[], byte[]> record, String type, String reason) {
        Counter.builder("dlq_records").tag("topic", Topics.deadLetterTopicName(record.topic()))
                .tag("error", type).description("Records sent to a dead-letter topic").register(metrics).increment();
        return DeadLetters.deadLetterOf(record, type, reason, clock.instant());
    }

    private ProducerRecord<byte[], byte[]> checkoutCreated(OrderPlaced order, Session session) {
        CheckoutMode mode = order.getMode();
        Money total = session.getAmountTotal() == null || session.getCurrency() == null
                ? null
                : new Money(session.getAmountTotal(), session.getCurrency());
        CheckoutCreated event = CheckoutCreated.newBuilder()
                .setEventId(eventId("CheckoutCreated", order))
                .setOrderId(order.getOrderId())
                .setOccurredAt(clock.instant())
                .setCheckoutSessionId(session.getId())
                .setUrl(session.getUrl() == null ? "" : session.getUrl())
                .setUiMode(session.getClientSecret() == null ? UiMode.HOSTED : UiMode.EMBEDDED)
                .setClientSecret(session.getClientSecret())
                .setExpiresAt(Instant.ofEpochSecond(session.getExpiresAt()))
                .setMode(mode)
                .setAmountTotal(total)
                .build();
        return toRecord(order.getOrderId(), event);
    }

    private ProducerRecord<byte[], byte[]> failed(OrderPlaced order, CheckoutFailureReason reason, String detail,
                                                  String field, String code, String requestId) {
        failedCounter(reason).increment();
        log.info("Order {} failed: {} {}", order.getOrderId(), reason, detail);
        CheckoutFailed event = CheckoutFailed.newBuilder()
                .setEventId(eventId("CheckoutFailed", order))
                .setOrderId(order.getOrderId())
                .setOccurredAt(clock.instant())
                .setReason(reason)
                .setDetail(detail)
                .setField(field)
                .setStripeErrorCode(code)
                .setStripeRequestId(requestId)
                .build();
        return toRecord(order.getOrderId(), event);
    }

    private ProducerRecord<byte[], byte[]> toRecord(String orderId, SpecificRecord event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = events.serialize(Topics.CHECKOUT_EVENTS.name(), headers, event);
        return new ProducerRecord<>(Topics.CHECKOUT_EVENTS.name(), null, orderId.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** The same input record always yields the same event id, so a consumer can spot a replayed one. */
    private static String eventId(String type, OrderPlaced order) {
        return UUID.nameUUIDFromBytes((type + "/" + order.getEventId()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
