package org.checkoutpipeline.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.stripe.model.LineItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionRetrieveParams;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker against a real broker and the Stripe emulator over HTTP, with stripe-java on both sides. */
class CheckoutWorkerTest {

    private CheckoutHarness harness;

    @BeforeEach
    void start() {
        harness = new CheckoutHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void paymentSubscriptionAndSetupOrdersBecomeSessionsWithTheirItemsAmountsAndMetadata() throws Exception {
        OrderPlaced payment = Orders.payment(Orders.newOrderId()).build();
        OrderPlaced subscription = Orders.subscription(Orders.newOrderId()).build();
        OrderPlaced setup = Orders.setup(Orders.newOrderId()).setCheckoutLifetimeSeconds(3_600L).build();
        harness.startWorker();

        harness.publish(payment, subscription, setup);

        Map<String, CheckoutCreated> created = byOrder(harness.awaitCheckoutEvents(3), CheckoutCreated.class);
        assertThat(created).containsOnlyKeys(payment.getOrderId(), subscription.getOrderId(), setup.getOrderId());

        CheckoutCreated paymentEvent = created.get(payment.getOrderId());
        Session paid = harness.stripe.v1().checkout().sessions().retrieve(paymentEvent.getCheckoutSessionId(),
                SessionRetrieveParams.builder().addExpand("line_items").build());
        assertThat(paid.getMode()).isEqualTo("payment");
        assertThat(paid.getClientReferenceId()).isEqualTo(payment.getOrderId());
        assertThat(paid.getMetadata()).containsEntry("order_id", payment.getOrderId()).containsEntry("channel", "web");
        assertThat(paid.getCustomerEmail()).isEqualTo("jane@example.com");
        assertThat(paid.getSuccessUrl()).isEqualTo(payment.getSuccessUrl());
        assertThat(paid.getAmountTotal()).isEqualTo(2 * 2_499L + 8_900L);
        assertThat(paid.getLineItems().getData()).extracting(LineItem::getDescription, LineItem::getQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Coffee beans", 2L),
                        org.assertj.core.groups.Tuple.tuple("Grinder", 1L));
        assertThat(paymentEvent.getUrl()).isEqualTo(paid.getUrl());
        assertThat(paymentEvent.getAmountTotal().getAmount()).isEqualTo(paid.getAmountTotal());
        assertThat(paymentEvent.getAmountTotal().getCurrency()).isEqualTo("usd");
        assertThat(paymentEvent.getExpiresAt().getEpochSecond()).isEqualTo(paid.getExpiresAt());

        Session subscribed = harness.stripe.v1().checkout().sessions().retrieve(
                created.get(subscription.getOrderId()).getCheckoutSessionId(),
                SessionRetrieveParams.builder().addExpand("line_items").build());
        assertThat(subscribed.getMode()).isEqualTo("subscription");
        assertThat(subscribed.getLineItems().getData().get(0).getPrice().getRecurring().getInterval()).isEqualTo("month");
        assertThat(created.get(subscription.getOrderId()).getMode()).isEqualTo(CheckoutMode.SUBSCRIPTION);

        CheckoutCreated setupEvent = created.get(setup.getOrderId());
        Session saved = harness.stripe.v1().checkout().sessions().retrieve(setupEvent.getCheckoutSessionId());
        assertThat(saved.getMode()).isEqualTo("setup");
        assertThat(saved.getExpiresAt()).as("placedAt + checkoutLifetimeSeconds")
                .isEqualTo(setup.getPlacedAt().getEpochSecond() + 3_600);
        assertThat(setupEvent.getAmountTotal()).isNull();
    }

    @Test
    void invalidOrdersFailNamingTheFieldWithoutCallingStripe() throws Exception {
        List<OrderPlaced> invalid = List.of(
                Orders.payment(Orders.newOrderId()).setCurrency("dollars").build(),
                Orders.payment(Orders.newOrderId()).setSuccessUrl("/thanks").build(),
                Orders.payment(Orders.newOrderId()).setLineItems(List.of(
                        org.checkoutpipeline.schemas.order.LineItems.inline("Refund", null, -500L, 1L, null))).build(),
                Orders.subscription(Orders.newOrderId()).setLineItems(List.of(
                        org.checkoutpipeline.schemas.order.LineItems.inline("Mug", null, 1_200L, 1L, null))).build());
        harness.startWorker();

        harness.publish(invalid.toArray(OrderPlaced[]::new));

        Map<String, CheckoutFailed> failed = byOrder(harness.awaitCheckoutEvents(4), CheckoutFailed.class);
        assertThat(failed.values()).extracting(CheckoutFailed::getReason).containsOnly(CheckoutFailureReason.INVALID_ORDER);
        assertThat(failed.get(invalid.get(0).getOrderId()).getField()).isEqualTo("currency");
        assertThat(failed.get(invalid.get(0).getOrderId()).getDetail()).contains("'dollars'");
        assertThat(failed.get(invalid.get(1).getOrderId()).getField()).isEqualTo("successUrl");
        assertThat(failed.get(invalid.get(2).getOrderId()).getField()).isEqualTo("lineItems[0].unitAmount");
        assertThat(failed.get(invalid.get(2).getOrderId()).getDetail()).contains("-500");
        assertThat(failed.get(invalid.get(3).getOrderId()).getField()).isEqualTo("lineItems");
        assertThat(harness.sessionsByOrder()).isEmpty();
    }

    @Test
    void undecodableRecordGoesToTheDlqWithItsReasonAndConsumptionContinues() {
        byte[] garbage = "{\"orderId\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
        OrderPlaced next = Orders.payment(Orders.newOrderId()).build();
        harness.startWorker();

        harness.publishRaw("bad-order", garbage);
        harness.publish(next);

        assertThat(byOrder(harness.awaitCheckoutEvents(1), CheckoutCreated.class)).containsOnlyKeys(next.getOrderId());
        List<ConsumerRecord<byte[], byte[]>> dead = harness.readAll(Topics.ORDERS_PLACED_DLQ.name());
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertThat(record.value()).isEqualTo(garbage);
        assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE)).isEqualTo("BAD_MARKER");
        assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR)).contains("not the Avro single-object marker");
        assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.placed");
        assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_OFFSET)).isNotNull();
    }

    @Test
    void orderStripeRejectsFailsWithStripesCodeParamAndMessage() {
        OrderPlaced tooSmall = Orders.payment(Orders.newOrderId()).setLineItems(List.of(
                org.checkoutpipeline.schemas.order.LineItems.inline("Sticker", null, 10L, 1L, null))).build();
        harness.startWorker();

        harness.publish(tooSmall);

        CheckoutFailed failed = byOrder(harness.awaitCheckoutEvents(1), CheckoutFailed.class).get(tooSmall.getOrderId());
        assertThat(failed.getReason()).isEqualTo(CheckoutFailureReason.STRIPE_REJECTED);
        assertThat(failed.getStripeErrorCode()).isEqualTo("amount_too_small");
        assertThat(failed.getField()).isEqualTo("line_items");
        assertThat(failed.getDetail()).contains("HTTP 400").contains("at least");
        assertThat(failed.getStripeRequestId()).startsWith("req_");
    }

    @Test
    void republishedOrderGetsTheSameSessionButChangedContentIsAnIdempotencyConflict() throws Exception {
        String orderId = Orders.newOrderId();
        OrderPlaced first = Orders.payment(orderId).build();
        OrderPlaced again = Orders.payment(orderId).setEventId("republished-" + orderId).build();
        OrderPlaced changed = Orders.payment(orderId).setEventId("changed-" + orderId).setCurrency("eur").build();
        harness.startWorker();

        harness.publish(first, again, changed);

        List<SpecificRecord> events = harness.awaitCheckoutEvents(3);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(CheckoutCreated.class);
        assertThat(events.get(1)).isInstanceOf(CheckoutCreated.class);
        assertThat(((CheckoutCreated) events.get(1)).getCheckoutSessionId())
                .isEqualTo(((CheckoutCreated) events.get(0)).getCheckoutSessionId());
        assertThat(events.get(2)).isInstanceOfSatisfying(CheckoutFailed.class,
                failed -> assertThat(failed.getReason()).isEqualTo(CheckoutFailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(harness.sessionsByOrder().get(orderId)).hasSize(1);
    }

    @Test
    void injected500sAnd429sStillYieldExactlyOneSessionPerOrder() throws Exception {
        harness.emulator.faults().configure(new FaultConfig(FaultRule.NONE,
                Map.of("POST /v1/checkout/sessions", new FaultRule(0, 0, 0.3, 0.2)), 0));
        List<OrderPlaced> orders = IntStream.range(0, 40).mapToObj(i -> Orders.payment(Orders.newOrderId()).build()).toList();
        harness.startWorker(config -> config.concurrency(8));

        harness.publish(orders.toArray(OrderPlaced[]::new));

        Map<String, CheckoutCreated> created = byOrder(harness.awaitCheckoutEvents(40), CheckoutCreated.class);
        assertThat(created).hasSize(40);
        Map<String, List<Session>> sessions = harness.sessionsByOrder();
        assertThat(sessions).hasSize(40).allSatisfy((orderId, perOrder) -> assertThat(perOrder).hasSize(1));
        assertThat(created.values()).allSatisfy(event ->
                assertThat(sessions.get(event.getOrderId()).get(0).getId()).isEqualTo(event.getCheckoutSessionId()));
    }

    @Test
    void stripeDownForTheWholeRetryBudgetFailsTheOrderAndKeepsAReplayableCopy() {
        harness.emulator.faults().configure(new FaultConfig(FaultRule.NONE,
                Map.of("POST /v1/checkout/sessions", new FaultRule(0, 0, 1.0, 0)), 0));
        OrderPlaced order = Orders.payment(Orders.newOrderId()).build();
        harness.startWorker(config -> config.retryBudget(Duration.ofSeconds(2)));

        harness.publish(order);

        CheckoutFailed failed = byOrder(harness.awaitCheckoutEvents(1), CheckoutFailed.class).get(order.getOrderId());
        assertThat(failed.getReason()).isEqualTo(CheckoutFailureReason.STRIPE_UNAVAILABLE);
        assertThat(failed.getDetail()).contains("retry budget");
        List<ConsumerRecord<byte[], byte[]>> dead = harness.readAll(Topics.ORDERS_PLACED_DLQ.name());
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(DeadLetters.header(record.headers(), DeadLetters.ERROR_TYPE)).isEqualTo("STRIPE_UNAVAILABLE");
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(order.getOrderId());
        });
    }

    @Test
    void workerStoppedMidBatchWithoutCommittingAndReplacedYieldsExactlyOneCheckoutPerOrder() throws Exception {
        harness.emulator.faults().configure(new FaultConfig(new FaultRule(150, 50, 0, 0), Map.of(), 0));
        int count = 120;
        List<OrderPlaced> orders = IntStream.range(0, count).mapToObj(i -> Orders.payment(Orders.newOrderId()).build()).toList();
        CheckoutWorker first = harness.startWorker(config -> config.concurrency(8));
        harness.publish(orders.toArray(OrderPlaced[]::new));

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.checkoutEvents().size() >= 20);
        first.abandon();
        int committedByFirst = harness.checkoutEvents().size();
        harness.startWorker(config -> config.concurrency(16));

        List<SpecificRecord> events = harness.awaitCheckoutEvents(count);
        assertThat(committedByFirst).isLessThan(count);
        Map<String, Long> perOrder = events.stream()
                .collect(Collectors.groupingBy(event -> ((CheckoutCreated) event).getOrderId(), Collectors.counting()));
        assertThat(perOrder).hasSize(count).allSatisfy((orderId, n) -> assertThat(n).isEqualTo(1));
        assertThat(harness.sessionsByOrder()).hasSize(count)
                .allSatisfy((orderId, sessions) -> assertThat(sessions).hasSize(1));
    }

    @Test
    void refusedApiKeyStopsTheWorkerWithoutFailingOrdersAndNothingIsLost() {
        List<OrderPlaced> orders = IntStream.range(0, 10).mapToObj(i -> Orders.payment(Orders.newOrderId()).build()).toList();
        CheckoutWorker refused = harness.startWorker(config -> config.apiKey("sk_live_revoked_key_0000"));
        harness.publish(orders.toArray(OrderPlaced[]::new));

        await().atMost(Duration.ofSeconds(30)).until(() -> refused.fatalError() != null);
        assertThat(refused.fatalError()).contains("Stripe refused the API key").contains("401");
        assertThat(refused.health().live().get("checkout-loop").up()).isFalse();
        assertThat(harness.checkoutEvents()).isEmpty();

        harness.startWorker();
        assertThat(byOrder(harness.awaitCheckoutEvents(10), CheckoutCreated.class)).hasSize(10);
    }

    private static <T extends SpecificRecord> Map<String, T> byOrder(List<SpecificRecord> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(event -> (String) event.get(event.getSchema().getField("orderId").pos()),
                        Function.identity()));
    }
}
