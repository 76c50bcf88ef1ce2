package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutAsyncPaymentSucceeded;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.Test;

/** The bridge between the Stripe emulator, delivering real signed webhooks, and a real broker. */
class WebhookBridgeTest {

    private static final String COMPLETED = "checkout.session.completed";
    private static final RetrySchedule QUICK_RETRIES = RetrySchedule.parse("200ms,500ms,1s,1s,2s,2s,2s,2s,2s,2s,2s,2s");

    @Test
    void everyCheckoutEventTypeInEveryModeArrivesAsItsRecordWithItsFields() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge();
            Session card = harness.createSession("order-card", Mode.PAYMENT);
            Session subscription = harness.createSession("order-sub", Mode.SUBSCRIPTION);
            Session setup = harness.createSession("order-setup", Mode.SETUP);
            Session sepaOk = harness.createSession("order-sepa-ok", Mode.PAYMENT);
            Session sepaFail = harness.createSession("order-sepa-fail", Mode.PAYMENT);
            Session abandoned = harness.createSession("order-abandoned", Mode.PAYMENT);

            harness.emulator.complete(card.getId(), PaymentOutcome.success());
            harness.emulator.complete(subscription.getId(), PaymentOutcome.success());
            harness.emulator.complete(setup.getId(), PaymentOutcome.success());
            harness.emulator.complete(sepaOk.getId(), PaymentOutcome.ofIban(PaymentOutcome.ASYNC_SUCCESS_IBAN));
            harness.emulator.complete(sepaFail.getId(), PaymentOutcome.ofIban(PaymentOutcome.ASYNC_FAILURE_IBAN));
            harness.stripe.v1().checkout().sessions().expire(abandoned.getId());
            harness.emulator.clock().advance(Duration.ofHours(1));

            List<SpecificRecord> records = await().atMost(Duration.ofSeconds(30))
                    .until(harness::published, published -> published.size() >= 8);
            assertThat(records).hasSize(8);
            Map<String, CheckoutCompleted> completed = byOrder(records, CheckoutCompleted.class);

            Session paid = harness.stripe.v1().checkout().sessions().retrieve(card.getId());
            CheckoutCompleted cardEvent = completed.get("order-card");
            assertThat(cardEvent.getEventId()).startsWith("evt_");
            assertThat(cardEvent.getCheckoutSessionId()).isEqualTo(card.getId());
            assertThat(cardEvent.getMode()).isEqualTo(CheckoutMode.PAYMENT);
            assertThat(cardEvent.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
            assertThat(cardEvent.getAmountTotal().getAmount()).isEqualTo(5_000L);
            assertThat(cardEvent.getAmountTotal().getCurrency()).isEqualTo("eur");
            assertThat(cardEvent.getPaymentIntentId()).isEqualTo(paid.getPaymentIntent()).startsWith("pi_");
            // A payment-mode session pays as a guest (customer_creation=if_required, Stripe's default).
            assertThat(paid.getCustomer()).isNull();
            assertThat(cardEvent.getCustomerId()).isNull();
            assertThat(cardEvent.getCustomerEmail()).isEqualTo("jane@example.com");

            assertThat(completed.get("order-sub").getSubscriptionId()).startsWith("sub_");
            assertThat(completed.get("order-sub").getCustomerId()).startsWith("cus_");
            assertThat(completed.get("order-sub").getMode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
            assertThat(completed.get("order-setup").getSetupIntentId()).startsWith("seti_");
            assertThat(completed.get("order-setup").getPaymentStatus()).isEqualTo(PaymentStatus.NO_PAYMENT_REQUIRED);
            assertThat(completed.get("order-sepa-ok").getPaymentStatus()).isEqualTo(PaymentStatus.UNPAID);

            assertThat(byOrder(records, CheckoutAsyncPaymentSucceeded.class).get("order-sepa-ok").getCheckoutSessionId())
                    .isEqualTo(sepaOk.getId());
            assertThat(byOrder(records, CheckoutAsyncPaymentFailed.class).get("order-sepa-fail").getPaymentIntentId())
                    .startsWith("pi_");
            assertThat(byOrder(records, CheckoutExpired.class).get("order-abandoned").getCheckoutSessionId())
                    .isEqualTo(abandoned.getId());
        }
    }

    @Test
    void sessionsThePipelineDidNotCreateAreAnsweredButNotPublished() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge();
            Session foreign = harness.createSession(null, Mode.PAYMENT);
            Session ours = harness.createSession("order-ours", Mode.PAYMENT);

            harness.emulator.complete(foreign.getId(), PaymentOutcome.success());
            harness.emulator.complete(ours.getId(), PaymentOutcome.success());

            await().atMost(Duration.ofSeconds(20)).until(() -> harness.published().size() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveredOk(harness) >= 2);
            assertThat(harness.published()).singleElement()
                    .isInstanceOfSatisfying(CheckoutCompleted.class, event -> assertThat(event.getOrderId()).isEqualTo("order-ours"));
        }
    }

    @Test
    void duplicateDeliveriesAreNotPublishedTwice() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 1.0)) {
            harness.startBridge();
            for (int i = 0; i < 5; i++) {
                Session session = harness.createSession("order-dup-" + i, Mode.PAYMENT);
                harness.emulator.complete(session.getId(), PaymentOutcome.success());
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> deliveredOk(harness) >= 10);
            assertThat(harness.published()).hasSize(5);
        }
    }

    @Test
    void withKafkaDownWebhooksGet503AndStripesRetriesLandEveryEventOnceItIsBack() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge(harness.config().publishTimeout(Duration.ofSeconds(1)).build());
            harness.broker.stop();
            for (int i = 0; i < 3; i++) {
                Session session = harness.createSession("order-outage-" + i, Mode.PAYMENT);
                harness.emulator.complete(session.getId(), PaymentOutcome.success());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.emulator.webhookDispatcher().log()
                    .newestFirst(attempt -> attempt.httpStatus() == 503 && attempt.eventType().equals(COMPLETED), 100).size() >= 3);

            harness.broker.start();

            List<SpecificRecord> records = await().atMost(Duration.ofSeconds(60)).until(harness::published,
                    published -> published.size() >= 3);
            assertThat(records).extracting(record -> ((CheckoutCompleted) record).getOrderId())
                    .containsExactlyInAnyOrder("order-outage-0", "order-outage-1", "order-outage-2");
        }
    }

    @Test
    void eventsMissedWhileTheBridgeWasDownAreRecoveredByReconciliation() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(RetrySchedule.parse("100ms"), 0)) {
            for (int i = 0; i < 3; i++) {
                Session session = harness.createSession("order-missed-" + i, Mode.PAYMENT);
                harness.emulator.complete(session.getId(), PaymentOutcome.success());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.emulator.webhookDispatcher().pendingDeliveries() == 0
                    && harness.emulator.webhookDispatcher().log()
                            .newestFirst(attempt -> attempt.eventType().equals(COMPLETED), 100).size() >= 6);
            assertThat(harness.published()).isEmpty();

            WebhookBridge bridge = harness.startBridge(harness.config()
                    .reconciliation(BridgeHarness.API_KEY, java.net.URI.create(harness.emulator.baseUrl()),
                            Duration.ofHours(1), Duration.ofDays(1))
                    .reconcileDelay(Duration.ZERO)
                    .build());

            await().atMost(Duration.ofSeconds(30)).until(() -> harness.published().size() >= 3);
            assertThat(harness.published()).extracting(record -> ((CheckoutCompleted) record).getOrderId())
                    .containsExactlyInAnyOrder("order-missed-0", "order-missed-1", "order-missed-2");
            assertThat(bridge.reconcileNow()).as("nothing left to recover").isZero();
            assertThat(harness.published()).hasSize(3);
        }
    }

    private static long deliveredOk(BridgeHarness harness) {
        return harness.emulator.webhookDispatcher().log()
                .newestFirst(attempt -> attempt.httpStatus() == 200 && attempt.eventType().equals(COMPLETED), 1_000).size();
    }

    private static <T extends SpecificRecord> Map<String, T> byOrder(List<SpecificRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(record -> (String) record.get(record.getSchema().getField("orderId").pos()),
                        Function.identity()));
    }
}
