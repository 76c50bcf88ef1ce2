package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.Test;

/**
 * The bridge reads each completed session back from Stripe for what the webhook lacks, and a read
 * that keeps failing delays the completion by at most the read budget: it is then published with
 * what the webhook carried.
 */
class SessionReadsTest {

    private static final RetrySchedule QUICK_RETRIES = RetrySchedule.parse("200ms,500ms,1s,1s,2s,2s,2s,2s,2s,2s,2s,2s");

    @Test
    void aCompletionCarriesItsLineItemsPaymentMethodAndCaptureAsReadBackFromStripe() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge(readingConfig(harness, Duration.ofSeconds(3)));
            Session session = harness.createSession("order-read", Mode.PAYMENT);

            harness.emulator.complete(session.getId(), PaymentOutcome.success());

            Purchase purchase = completion(harness).getPurchase();
            assertThat(purchase.getFetched()).isTrue();
            assertThat(purchase.getLineItems()).singleElement().satisfies(line -> {
                assertThat(line.getDescription()).isEqualTo("Coffee");
                assertThat(line.getQuantity()).isEqualTo(2);
                assertThat(line.getUnitAmount()).isEqualTo(2_500L);
                assertThat(line.getAmountTotal()).isEqualTo(5_000);
                assertThat(line.getPriceId()).startsWith("price_");
                assertThat(line.getProductId()).startsWith("prod_");
            });
            assertThat(purchase.getAmounts().getTotal()).isEqualTo(5_000);
            assertThat(purchase.getPaymentMethodType()).isEqualTo("card");
            assertThat(purchase.getCapture()).isEqualTo(CaptureState.CAPTURED);
            assertThat(purchase.getCustomer().getEmail()).isEqualTo("jane@example.com");
        }
    }

    @Test
    void aReadThatKeepsFailingDelaysTheCompletionByAtMostItsBudgetAndPublishesWhatTheWebhookCarried() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            Duration budget = Duration.ofSeconds(1);
            harness.startBridge(readingConfig(harness, budget));
            harness.emulator.faults().configure(FaultConfig.parse(
                    "{\"endpoints\": {\"GET /v1/checkout/sessions/{session}\": {\"error_rate\": 1.0}}}"));
            Session session = harness.createSession("order-unread", Mode.PAYMENT);

            harness.emulator.complete(session.getId(), PaymentOutcome.success());

            CheckoutCompleted completed = completion(harness);
            Purchase purchase = completed.getPurchase();
            assertThat(purchase.getFetched()).isFalse();
            assertThat(purchase.getLineItems()).isEmpty();
            assertThat(purchase.getCapture()).as("payment_status=paid alone").isEqualTo(CaptureState.CAPTURED);
            assertThat(purchase.getAmounts().getTotal()).isEqualTo(5_000);
            assertThat(purchase.getCustomer().getEmail()).isEqualTo("jane@example.com");
            var delivery = harness.emulator.webhookDispatcher().log()
                    .newestFirst(d -> d.eventType().equals("checkout.session.completed"), 10).get(0);
            assertThat(delivery.httpStatus()).isEqualTo(200);
            assertThat(delivery.durationMillis()).as("the webhook waited for the reads at most their budget")
                    .isBetween(budget.toMillis() / 2, budget.toMillis() + 1_500);
        }
    }

    @Test
    void anUnpaidCompletionThatCannotBeReadIsAnswered503UntilItCanSoAnAuthorisationIsNeverMistakenForADebit()
            throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge(readingConfig(harness, Duration.ofMillis(500)));
            harness.emulator.faults().configure(FaultConfig.parse(
                    "{\"endpoints\": {\"GET /v1/checkout/sessions/{session}\": {\"error_rate\": 1.0}}}"));
            Session session = harness.createSession("order-unpaid", Mode.PAYMENT);

            harness.emulator.complete(session.getId(), PaymentOutcome.ofIban(PaymentOutcome.ASYNC_SUCCESS_IBAN));
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.emulator.webhookDispatcher().log()
                    .newestFirst(d -> d.eventType().equals("checkout.session.completed") && d.httpStatus() == 503, 10).size() >= 2);
            assertThat(harness.published()).isEmpty();
            harness.emulator.faults().configure(FaultConfig.NONE);

            Purchase purchase = completion(harness).getPurchase();
            assertThat(purchase.getFetched()).isTrue();
            assertThat(purchase.getCapture()).isEqualTo(CaptureState.PENDING);
            assertThat(purchase.getPaymentMethodType()).isEqualTo("sepa_debit");
        }
    }

    @Test
    void withoutAnApiKeyTheBridgePublishesWhatTheWebhookCarries() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge();
            Session session = harness.createSession("order-keyless", Mode.PAYMENT);

            harness.emulator.complete(session.getId(), PaymentOutcome.success());

            assertThat(completion(harness).getPurchase().getFetched()).isFalse();
        }
    }

    private static org.checkoutpipeline.bridge.config.WebhookBridgeConfig readingConfig(BridgeHarness harness, Duration budget) {
        return harness.config().stripe(BridgeHarness.API_KEY, URI.create(harness.emulator.baseUrl()))
                .sessionReads(budget, 1_000).build();
    }

    private static CheckoutCompleted completion(BridgeHarness harness) {
        List<SpecificRecord> records = await().atMost(Duration.ofSeconds(20))
                .until(harness::published, published -> !published.isEmpty());
        return (CheckoutCompleted) records.get(0);
    }
}
