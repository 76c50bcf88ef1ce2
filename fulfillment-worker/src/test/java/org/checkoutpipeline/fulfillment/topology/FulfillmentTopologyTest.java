package org.checkoutpipeline.fulfillment.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FulfillmentTopologyTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-03-01T09:00:00Z");

    private TopologyHarness harness;

    @BeforeEach
    void startDriver() throws Exception {
        harness = new TopologyHarness();
    }

    @AfterEach
    void closeDriver() throws Exception {
        harness.close();
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirReasonAndProcessingContinues() {
        byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
        harness.sendRaw(harness.topics.ordersPlaced(), "o-1".getBytes(StandardCharsets.UTF_8), garbage);
        harness.sendRaw(harness.topics.checkoutEvents(), "o-1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 1, 2});
        TestEvents order = new TestEvents("o-1", EVENT_TIME);
        harness.send(order.placed(CheckoutMode.PAYMENT));
        harness.send(order.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID));

        List<TestRecord<byte[], byte[]>> ordersDlq = harness.readDeadLetters(harness.topics.ordersPlaced());
        assertThat(ordersDlq).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("o-1");
            assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE)).isEqualTo("BAD_MARKER");
            assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR)).contains("single-object marker");
            assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.placed");
            assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(DeadLetters.header(record.headers(), DeadLetters.APPLICATION_ID)).isEqualTo("fulfillment-test");
        });
        assertThat(harness.readDeadLetters(harness.topics.checkoutEvents())).singleElement().satisfies(record ->
                assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE)).isEqualTo("TOO_SHORT"));
        assertThat(harness.readDecisions()).singleElement()
                .satisfies(record -> assertThat(record.value()).isInstanceOf(FulfillmentRequested.class));
        assertThat(harness.counter("fulfillment.dead.letters", "topic", "orders.placed", "problem", "BAD_MARKER")).isEqualTo(1);
        assertThat(harness.counter("fulfillment.dead.letters", "topic", "checkout.events", "problem", "TOO_SHORT")).isEqualTo(1);
    }

    @Test
    void anEventKeyedByAnotherIdOrOnTheWrongTopicIsDeadLettered() {
        EventCodec codec = EventCodec.standard();
        TestEvents order = new TestEvents("o-2", EVENT_TIME);
        harness.sendRaw(harness.topics.checkoutEvents(), "someone-else".getBytes(StandardCharsets.UTF_8),
                codec.encode(order.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID)));
        harness.sendRaw(harness.topics.checkoutEvents(), "o-2".getBytes(StandardCharsets.UTF_8),
                codec.encode(order.placed(CheckoutMode.PAYMENT)));
        harness.sendRaw(harness.topics.ordersPlaced(), "o-2".getBytes(StandardCharsets.UTF_8),
                codec.encode(order.expired()));

        assertThat(harness.readDeadLetters(harness.topics.checkoutEvents()))
                .extracting(record -> DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE))
                .containsExactly("KEY_MISMATCH", "UNEXPECTED_TYPE");
        assertThat(harness.readDeadLetters(harness.topics.ordersPlaced()))
                .extracting(record -> DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE))
                .containsExactly("WRONG_TYPE");
        assertThat(harness.stored("o-2")).isNull();
        assertThat(harness.readStatuses()).isEmpty();
    }

    @Test
    void aCompletionThatOvertakesItsOrderWaitsForItAndTheStatusSaysWhenTheOrderIsMissing() {
        TestEvents order = new TestEvents("o-3", EVENT_TIME);
        harness.send(order.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID));

        assertThat(lastStatus().getStatus()).isEqualTo(OrderState.AWAITING_ORDER);
        assertThat(harness.readDecisions()).isEmpty();

        harness.advance(TopologyHarness.ORDER_WAIT.plus(TopologyHarness.CHECK_INTERVAL));
        OrderStatus missing = lastStatus();
        assertThat(missing.getStatus()).isEqualTo(OrderState.AWAITING_ORDER);
        assertThat(missing.getDetail()).contains("no OrderPlaced within PT30M");
        assertThat(harness.counter("fulfillment.orders.missing")).isEqualTo(1);
        assertThat(harness.gauge("fulfillment.orders", "status", "AWAITING_ORDER")).isEqualTo(1);

        harness.send(order.placed(CheckoutMode.PAYMENT));
        assertThat(harness.readDecisions()).hasSize(1);
        assertThat(lastStatus().getStatus()).isEqualTo(OrderState.FULFILLMENT_REQUESTED);
        assertThat(harness.gauge("fulfillment.orders", "status", "AWAITING_ORDER")).isZero();
        assertThat(harness.gauge("fulfillment.orders", "status", "FULFILLMENT_REQUESTED")).isEqualTo(1);
        assertThat(harness.counter("fulfillment.requested")).isEqualTo(1);
    }

    @Test
    void aSessionPastItsExpiryPlusGraceWithoutAnyWebhookIsFlaggedUntilItsCompletionArrives() {
        TestEvents order = new TestEvents("o-4", EVENT_TIME);
        Instant expiresAt = harness.clock.instant().plus(Duration.ofMinutes(30));
        harness.send(order.placed(CheckoutMode.PAYMENT));
        harness.send(order.created(CheckoutMode.PAYMENT, expiresAt));
        assertThat(lastStatus().getExpiryOverdue()).isFalse();

        harness.advance(Duration.ofMinutes(30).plus(TopologyHarness.EXPIRY_GRACE).minus(Duration.ofMinutes(1)));
        assertThat(harness.readStatuses()).isEmpty();

        harness.advance(Duration.ofMinutes(2));
        OrderStatus overdue = lastStatus();
        assertThat(overdue.getStatus()).isEqualTo(OrderState.CHECKOUT_OPEN);
        assertThat(overdue.getExpiryOverdue()).isTrue();
        assertThat(overdue.getDetail()).contains("webhook may have been lost");
        assertThat(harness.counter("fulfillment.sessions.expiry.overdue")).isEqualTo(1);

        harness.send(order.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID));
        OrderStatus fulfilled = lastStatus();
        assertThat(fulfilled.getStatus()).isEqualTo(OrderState.FULFILLMENT_REQUESTED);
        assertThat(fulfilled.getExpiryOverdue()).isFalse();
    }

    @Test
    void anExpiryCancelsOnlyAfterTheSettlementPeriodAndTheStatusSaysWhen() {
        TestEvents order = new TestEvents("o-5", EVENT_TIME);
        harness.send(order.placed(CheckoutMode.PAYMENT));
        harness.send(order.created(CheckoutMode.PAYMENT, harness.clock.instant().plusSeconds(3600)));
        harness.send(order.expired());

        OrderStatus settling = lastStatus();
        assertThat(settling.getStatus()).isEqualTo(OrderState.CHECKOUT_OPEN);
        assertThat(settling.getDetail()).contains("expired unpaid", "unless a completed checkout arrives first");
        assertThat(harness.readDecisions()).isEmpty();

        harness.advance(TopologyHarness.SETTLEMENT.plus(TopologyHarness.CHECK_INTERVAL));
        assertThat(harness.readDecisions()).hasSize(1);
        assertThat(lastStatus().getStatus()).isEqualTo(OrderState.CANCELLED);
        assertThat(harness.counter("fulfillment.cancelled", "reason", "CHECKOUT_EXPIRED")).isEqualTo(1);
    }

    @Test
    void aRepeatedEventChangesNothingAndIsCounted() {
        TestEvents order = new TestEvents("o-6", EVENT_TIME);
        harness.send(order.placed(CheckoutMode.PAYMENT));
        harness.readStatuses();
        harness.send(order.placed(CheckoutMode.PAYMENT));

        assertThat(harness.readStatuses()).isEmpty();
        assertThat(harness.counter("fulfillment.events.duplicate")).isEqualTo(1);
        assertThat(harness.stored("o-6").timeline()).hasSize(1);
    }

    private OrderStatus lastStatus() {
        List<TestRecord<String, OrderStatus>> statuses = harness.readStatuses();
        assertThat(statuses).isNotEmpty();
        return statuses.get(statuses.size() - 1).value();
    }
}
