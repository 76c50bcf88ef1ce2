package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.Test;

/**
 * The set of published events is shared through checkout.events: an event one instance published
 * is recognised by another instance, and by the same instance after a restart, so Stripe delivering
 * it again (the first instance died before answering, or the delivery went elsewhere) publishes nothing.
 */
class SharedDeduplicationTest {

    private static final RetrySchedule QUICK_RETRIES = RetrySchedule.parse("200ms,500ms,1s,1s,2s,2s,2s,2s,2s,2s,2s,2s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anEventPublishedByOneInstanceIsADuplicateAtAnotherAndAfterARestart() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            WebhookBridge first = harness.startBridge();
            Session session = harness.createSession("order-shared", Mode.PAYMENT);
            harness.emulator.complete(session.getId(), PaymentOutcome.success());
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.published().size() == 1);
            Event completed = harness.stripe.v1().events().list(EventListParams.builder()
                    .setType("checkout.session.completed").build()).getData().get(0);

            WebhookBridge other = harness.startBridge(harness.config().httpPort(0).build());
            assertThat(deliver(other, completed)).contains("\"outcome\":\"duplicate\"");
            first.close();
            WebhookBridge restarted = harness.startBridge(harness.config().httpPort(0).build());
            assertThat(deliver(restarted, completed)).contains("\"outcome\":\"duplicate\"");

            assertThat(harness.published()).hasSize(1);
        }
    }

    @Test
    void withTheWindowSetToZeroAnInstanceKnowsOnlyWhatItPublished() throws Exception {
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            harness.startBridge();
            Session session = harness.createSession("order-alone", Mode.PAYMENT);
            harness.emulator.complete(session.getId(), PaymentOutcome.success());
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.published().size() == 1);
            Event completed = harness.stripe.v1().events().list(EventListParams.builder()
                    .setType("checkout.session.completed").build()).getData().get(0);

            WebhookBridge alone = harness.startBridge(harness.config().httpPort(0).dedupeWindow(Duration.ZERO).build());

            assertThat(deliver(alone, completed)).contains("\"outcome\":\"published\"");
            assertThat(harness.published()).hasSize(2);
        }
    }

    /** Posts the event to the bridge as Stripe would, signed now; returns the answer's body. */
    private static String deliver(WebhookBridge bridge, Event event) throws Exception {
        String payload = event.toJson();
        String signature = Webhook.Signature.generateSignatureHeader(payload, BridgeHarness.SECRET,
                Instant.now().getEpochSecond());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port()
                        + "/stripe/webhook")).header("Stripe-Signature", signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
