package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.WebhookEndpointCreateParams;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.events.EventListener;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryAttempt;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryPolicy;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest extends EmulatorTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DeliveryPolicy FAST = new DeliveryPolicy(
            RetrySchedule.parse("50ms,100ms,200ms,400ms,800ms,1s"), Duration.ofMillis(500), 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final EventListener recordPublished = event -> published.add(event.id());

    @BeforeAll
    static void deliverFast() {
        emulator.webhookDispatcher().configure(FAST);
    }

    @BeforeEach
    void recordEvents() {
        emulator.addEventListener(recordPublished);
    }

    @AfterEach
    void restore() {
        emulator.events().removeListener(recordPublished);
        emulator.webhookDispatcher().configure(FAST);
        emulator.webhooks().index().snapshot().forEach(e -> emulator.webhooks().delete(e.id()));
    }

    @Test
    void everyCheckoutEventArrivesSignedSoThatStripeJavaAcceptsIt() throws Exception {
        try (var receiver = WebhookReceiver.start(null)) {
            WebhookEndpoint endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams
                    .builder().setUrl(receiver.url())
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.ALL).build());
            receiver.secret(endpoint.getSecret());
            Session paid = createPaymentForNewCustomer();
            complete(paid.getId(), "card_number=4242424242424242");
            Session expired = createPayment();
            stripe.v1().checkout().sessions().expire(expired.getId());
            Session settles = createEuroPayment();
            complete(settles.getId(), "iban=DE89370400440532013000");
            Session fails = createEuroPayment();
            complete(fails.getId(), "iban=DE62370400440532013001");
            advanceClock(61);

            await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.accepted())
                    .extracting(r -> r.event().getType())
                    .contains("customer.created", "payment_intent.succeeded", "checkout.session.completed",
                            "checkout.session.expired", "checkout.session.async_payment_succeeded",
                            "checkout.session.async_payment_failed"));
            assertThat(receiver.rejected()).isEmpty();
            assertThat(typesFor(receiver, expired.getId())).containsExactly("checkout.session.expired");
            assertThat(typesFor(receiver, settles.getId()))
                    .contains("checkout.session.completed", "checkout.session.async_payment_succeeded");
            assertThat(typesFor(receiver, fails.getId()))
                    .contains("checkout.session.completed", "checkout.session.async_payment_failed");
            Event completed = receiver.eventsMentioning(paid.getId()).stream()
                    .filter(e -> e.getType().equals("checkout.session.completed")).findFirst().orElseThrow();
            Session fromWebhook = (Session) completed.getDataObjectDeserializer().getObject().orElseThrow();
            assertThat(fromWebhook.getId()).isEqualTo(paid.getId());
            assertThat(fromWebhook.getStatus()).isEqualTo("complete");
            assertThat(fromWebhook.getPaymentStatus()).isEqualTo("paid");
            assertThat(completed.getPendingWebhooks()).isGreaterThanOrEqualTo(1L);
        }
    }

    private static List<String> typesFor(WebhookReceiver receiver, String sessionId) {
        return receiver.eventsMentioning(sessionId).stream()
                .filter(e -> e.getType().startsWith("checkout.session.")).map(Event::getType).toList();
    }

    @Test
    void anEndpointFailingItsFirstAttemptsStillReceivesEveryEventOnceItRecovers() throws Exception {
        try (var receiver = WebhookReceiver.start("whsec_recovering")) {
            receiver.failFirst(6);
            var endpoint = emulator.webhooks().register(receiver.url(), "whsec_recovering");
            Session session = createPaymentForNewCustomer();
            complete(session.getId(), "card_number=4242424242424242");

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(receiver.deliveriesPerEvent().keySet()).containsExactlyInAnyOrderElementsOf(published));
            assertThat(published).hasSize(4);
            List<DeliveryAttempt> attempts = emulator.webhookDispatcher().log()
                    .newestFirst(a -> a.endpointId().equals(endpoint.id()), 100);
            assertThat(attempts).filteredOn(a -> a.outcome() == DeliveryAttempt.Outcome.FAILED)
                    .hasSize(6).allSatisfy(a -> assertThat(a.httpStatus()).isEqualTo(500));
            assertThat(attempts).filteredOn(a -> a.outcome() == DeliveryAttempt.Outcome.SUCCEEDED)
                    .extracting(DeliveryAttempt::eventId).containsExactlyInAnyOrderElementsOf(published);

            JsonNode log = JSON.readTree(get("/_emulator/webhook_deliveries?endpoint=" + endpoint.id()).body());
            assertThat(log.get("data")).hasSize(attempts.size());
            JsonNode failure = log.get("data").get(log.get("data").size() - 1);
            assertThat(failure.get("outcome").asText()).isEqualTo("failed");
            assertThat(failure.get("http_status").asInt()).isEqualTo(500);
            assertThat(failure.get("attempt").asInt()).isEqualTo(1);
            assertThat(failure.get("next_attempt_at").isNull()).isFalse();
            assertThat(published).contains(failure.get("event").asText());
        }
    }

    @Test
    void anAttemptThatTimesOutIsRetried() throws Exception {
        try (var receiver = WebhookReceiver.start("whsec_slow")) {
            receiver.hangFirst(1);
            var endpoint = emulator.webhooks().register(receiver.url(), "whsec_slow",
                    List.of("checkout.session.completed"));
            Session session = createPayment();
            complete(session.getId(), "card_number=4242424242424242");

            await().atMost(WAIT).until(() -> receiver.eventsMentioning(session.getId()).size() == 1);
            assertThat(emulator.webhookDispatcher().log().newestFirst(a -> a.endpointId().equals(endpoint.id())
                    && a.outcome() == DeliveryAttempt.Outcome.FAILED, 10))
                    .extracting(DeliveryAttempt::error).containsExactly("timed out after 500 ms");
        }
    }

    @Test
    void anEndpointReceivesOnlyTheEventTypesItEnabled() throws Exception {
        try (var receiver = WebhookReceiver.start("whsec_only_completed")) {
            var endpoint = emulator.webhooks().register(receiver.url(), "whsec_only_completed",
                    List.of("checkout.session.completed"));
            Session session = createPayment();
            complete(session.getId(), "card_number=4242424242424242");

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().get(0).event().getType()).isEqualTo("checkout.session.completed");
            assertThat(emulator.webhookDispatcher().log().newestFirst(
                    a -> a.endpointId().equals(endpoint.id()), 100))
                    .extracting(DeliveryAttempt::eventType).containsOnly("checkout.session.completed");
        }
    }

    @Test
    void theDuplicateRateSendsEventsTwiceForConsumersToProveIdempotence() throws Exception {
        try (var receiver = WebhookReceiver.start("whsec_twice")) {
            var endpoint = emulator.webhooks().register(receiver.url(), "whsec_twice");
            var settings = post("/_emulator/webhooks/settings", "duplicate_rate=1");
            assertThat(settings.statusCode()).isEqualTo(200);
            Session session = createPayment();
            complete(session.getId(), "card_number=4242424242424242");

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(receiver.deliveriesPerEvent().keySet()).containsExactlyInAnyOrderElementsOf(published);
                assertThat(receiver.deliveriesPerEvent().values()).containsOnly(2L);
            });
            assertThat(emulator.webhookDispatcher().log().newestFirst(
                    a -> a.endpointId().equals(endpoint.id()) && a.duplicate(), 100)).hasSize(published.size());
        }
    }

    @Test
    void pendingWebhooksCountsTheEndpointsThatHaveNotYetAcknowledged() throws Exception {
        emulator.webhookDispatcher().configure(FAST.withRetrySchedule(RetrySchedule.of(Duration.ofSeconds(2))));
        try (var receiver = WebhookReceiver.start("whsec_pending")) {
            receiver.failFirst(1);
            emulator.webhooks().register(receiver.url(), "whsec_pending", List.of("checkout.session.expired"));
            Session session = createPayment();
            stripe.v1().checkout().sessions().expire(session.getId());
            String eventId = published.iterator().next();

            assertThat(stripe.v1().events().retrieve(eventId).getPendingWebhooks()).isEqualTo(1L);
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().get(0).event().getPendingWebhooks()).isEqualTo(1L);
            await().atMost(WAIT).until(() -> stripe.v1().events().retrieve(eventId).getPendingWebhooks() == 0L);
        }
    }

    @Test
    void completingASessionDoesNotWaitForASlowEndpoint() throws Exception {
        emulator.webhookDispatcher().configure(FAST.withTimeout(Duration.ofSeconds(20)));
        try (var receiver = WebhookReceiver.start("whsec_hanging")) {
            receiver.hangFirst(1_000);
            emulator.webhooks().register(receiver.url(), "whsec_hanging");
            Session session = createPaymentForNewCustomer();

            long started = System.nanoTime();
            var response = complete(session.getId(), "card_number=4242424242424242");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> receiver.requests() >= 4);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(emulator.webhookDispatcher().pendingDeliveries()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void anEndpointGivenToTheBuilderSignsWithItsKnownSecret() throws Exception {
        try (var receiver = WebhookReceiver.start("whsec_known_in_advance");
                var own = StripeEmulator.builder().port(0).host("127.0.0.1")
                        .clock(Clock.fixed(START, ZoneOffset.UTC))
                        .webhookEndpoint(receiver.url(), "whsec_known_in_advance").build().start()) {
            var session = client(own).v1().checkout().sessions().create(payment().build());
            own.complete(session.getId(), PaymentOutcome.success());

            await().atMost(WAIT).until(() -> receiver.eventsMentioning(session.getId()).stream()
                    .anyMatch(e -> e.getType().equals("checkout.session.completed")));
            var delivered = receiver.accepted().get(0);
            assertThat(delivered.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThatThrownBy(() -> Webhook.constructEvent(delivered.body(), delivered.signature(),
                    "whsec_someone_else")).isInstanceOf(SignatureVerificationException.class);
        }
    }
}
