package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletionAndEventsTest extends EmulatorTestSupport {

    /** Recent events whose object mentions any of the ids. */
    private static List<Event> eventsFor(String... ids) throws Exception {
        return stripe.v1().events().list(EventListParams.builder().setLimit(100L).build())
                .getData().stream()
                .filter(e -> java.util.Arrays.stream(ids).anyMatch(
                        id -> id != null && e.getDataObjectDeserializer().getRawJson().contains(id)))
                .toList();
    }

    @Test
    void completingAPaymentSessionCreatesACustomerAndASucceededPaymentIntent() throws Exception {
        Session open = createPaymentForNewCustomer();

        HttpResponse<String> response = complete(open.getId(),
                "card_number=4242424242424242&email=payer%40example.com&name=Ada");
        Session paid = stripe.v1().checkout().sessions().retrieve(open.getId(),
                SessionRetrieveParams.builder().addExpand("customer").addExpand("payment_intent").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(paid.getStatus()).isEqualTo("complete");
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getUrl()).isNull();
        assertThat(paid.getCustomerDetails().getEmail()).isEqualTo("payer@example.com");
        assertThat(paid.getCustomerObject().getId()).startsWith("cus_");
        assertThat(paid.getCustomerObject().getEmail()).isEqualTo("payer@example.com");
        assertThat(paid.getPaymentIntentObject().getId()).startsWith("pi_");
        assertThat(paid.getPaymentIntentObject().getStatus()).isEqualTo("succeeded");
        assertThat(paid.getPaymentIntentObject().getAmount()).isEqualTo(4000);
        assertThat(stripe.v1().customers().retrieve(paid.getCustomer()).getName()).isEqualTo("Ada");
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getCustomer())
                .isEqualTo(paid.getCustomer());
    }

    /** Stripe's default in payment mode, customer_creation=if_required, pays as a guest. */
    @Test
    void aPaymentModeSessionPaysAsAGuestByDefault() throws Exception {
        Session open = createPayment();
        int customersBefore = emulator.store().customers().size();
        assertThat(open.getCustomerCreation()).isEqualTo("if_required");

        complete(open.getId(), "card_number=4242424242424242&email=guest%40example.com");

        Session paid = stripe.v1().checkout().sessions().retrieve(open.getId());
        assertThat(paid.getCustomer()).isNull();
        assertThat(paid.getCustomerDetails().getEmail()).isEqualTo("guest@example.com");
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getCustomer()).isNull();
        assertThat(emulator.store().customers().size()).isEqualTo(customersBefore);
    }

    @Test
    void recordsTheCompletedEventWithTheSessionAsStripeJavaReadsIt() throws Exception {
        Session open = createPayment();
        complete(open.getId(), "card_number=5555555555554444");

        Event event = stripe.v1().events().list(EventListParams.builder()
                .setType("checkout.session.completed").build()).getData().get(0);

        assertThat(event.getId()).startsWith("evt_");
        assertThat(event.getApiVersion()).isEqualTo(StripeEvent.API_VERSION);
        assertThat(event.getLivemode()).isFalse();
        Session fromEvent = (Session) event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(fromEvent.getId()).isEqualTo(open.getId());
        assertThat(fromEvent.getStatus()).isEqualTo("complete");
        assertThat(stripe.v1().events().retrieve(event.getId()).getType())
                .isEqualTo("checkout.session.completed");
        assertThat(eventsFor(open.getId(), fromEvent.getPaymentIntent()))
                .extracting(Event::getType)
                .contains("payment_intent.succeeded", "checkout.session.completed")
                .doesNotContain("customer.created");
    }

    @ParameterizedTest(name = "card {0} is declined with {1}/{2}")
    @CsvSource({
            "4000000000000002, card_declined, generic_decline",
            "4000000000009995, card_declined, insufficient_funds",
            "4000000000000069, expired_card, expired_card",
            "4000000000000127, incorrect_cvc, incorrect_cvc"})
    void declinedCardsLeaveTheSessionOpen(String card, String code, String declineCode)
            throws Exception {
        Session open = createPayment();

        HttpResponse<String> response = complete(open.getId(), "card_number=" + card);

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(response.body()).contains("\"type\":\"card_error\"", "\"code\":\"" + code + "\"",
                "\"decline_code\":\"" + declineCode + "\"");
        Session after = stripe.v1().checkout().sessions().retrieve(open.getId(),
                com.stripe.param.checkout.SessionRetrieveParams.builder().addExpand("payment_intent").build());
        assertThat(after.getStatus()).isEqualTo("open");
        // As at Stripe, the attempt created the session's PaymentIntent and left its error on it.
        com.stripe.model.PaymentIntent attempt = after.getPaymentIntentObject();
        assertThat(attempt.getStatus()).isEqualTo("requires_payment_method");
        assertThat(attempt.getLastPaymentError().getCode()).isEqualTo(code);
        assertThat(attempt.getLastPaymentError().getDeclineCode()).isEqualTo(declineCode);
        assertThat(attempt.getLastPaymentError().getType()).isEqualTo("card_error");
        assertThat(attempt.getLastPaymentError().getPaymentMethod().getType()).isEqualTo("card");

        assertThat(complete(open.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);
        Session paid = stripe.v1().checkout().sessions().retrieve(open.getId(),
                com.stripe.param.checkout.SessionRetrieveParams.builder().addExpand("payment_intent").build());
        assertThat(paid.getPaymentIntent()).as("the retry pays the same PaymentIntent").isEqualTo(attempt.getId());
        assertThat(paid.getPaymentIntentObject().getStatus()).isEqualTo("succeeded");
        assertThat(paid.getPaymentIntentObject().getLastPaymentError()).isNull();
    }

    @Test
    void declinesReachTheEmbeddingApiAsCardErrors() throws Exception {
        Session open = createPayment();

        assertThatThrownBy(() -> emulator.complete(open.getId(),
                org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome.ofCard("4000000000000002")))
                .isInstanceOfSatisfying(org.checkoutpipeline.stripeemulator.api.ApiError.class,
                        e -> assertThat(e.status()).isEqualTo(402));
    }

    @Test
    void completingASubscriptionSessionCreatesAnActiveSubscription() throws Exception {
        Session open = createSubscription();

        complete(open.getId(), "outcome=success");
        Session paid = stripe.v1().checkout().sessions().retrieve(open.getId());

        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getSubscription()).startsWith("sub_");
        assertThat(paid.getPaymentIntent()).isNull();
        var subscription = stripe.v1().subscriptions().retrieve(paid.getSubscription());
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCustomer()).isEqualTo(paid.getCustomer());
    }

    @Test
    void completingASetupSessionCreatesASucceededSetupIntent() throws Exception {
        Session open = createSetup();

        complete(open.getId(), "");
        Session done = stripe.v1().checkout().sessions().retrieve(open.getId(),
                SessionRetrieveParams.builder().addExpand("setup_intent").build());

        assertThat(done.getStatus()).isEqualTo("complete");
        assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
        assertThat(done.getSetupIntentObject().getId()).startsWith("seti_");
        assertThat(done.getSetupIntentObject().getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().setupIntents().retrieve(done.getSetupIntent()).getCustomer())
                .isEqualTo(done.getCustomer());
    }

    @Test
    void aDelayedPaymentCompletesUnpaidAndSucceedsWhenTheClockPassesTheDelay() throws Exception {
        Session open = createEuroPayment();

        complete(open.getId(), "iban=DE89370400440532013000");
        Session pending = stripe.v1().checkout().sessions().retrieve(open.getId());
        advanceClock(emulator.config().asyncPaymentDelay().toSeconds());
        Session settled = stripe.v1().checkout().sessions().retrieve(open.getId());

        assertThat(pending.getStatus()).isEqualTo("complete");
        assertThat(pending.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(settled.getPaymentStatus()).isEqualTo("paid");
        assertThat(stripe.v1().paymentIntents().retrieve(settled.getPaymentIntent()).getStatus())
                .isEqualTo("succeeded");
        assertThat(eventsFor(open.getId())).extracting(Event::getType)
                .contains("checkout.session.completed", "checkout.session.async_payment_succeeded");
    }

    @Test
    void aFailingDelayedPaymentRecordsTheFailedEvent() throws Exception {
        Session open = createEuroPayment();

        complete(open.getId(), "outcome=async_failure");
        advanceClock(emulator.config().asyncPaymentDelay().toSeconds());

        Session settled = stripe.v1().checkout().sessions().retrieve(open.getId());
        assertThat(settled.getPaymentStatus()).isEqualTo("unpaid");
        var failed = stripe.v1().events().list(EventListParams.builder()
                .addType("checkout.session.async_payment_failed").build()).getData();
        assertThat(failed).extracting(e -> ((Session) e.getDataObjectDeserializer().getObject()
                .orElseThrow()).getId()).contains(open.getId());
    }

    @Test
    void advancingTheClockPastExpiresAtExpiresOpenSessionsAndRecordsTheEvent() throws Exception {
        Session open = createPayment();
        var seen = new CopyOnWriteArrayList<StripeEvent>();
        emulator.addEventListener(seen::add);

        advanceClock(open.getExpiresAt() - emulator.clock().epochSecond());
        Session expired = stripe.v1().checkout().sessions().retrieve(open.getId());

        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThat(seen).extracting(StripeEvent::type).contains("checkout.session.expired");
        assertThat(eventsFor(open.getId())).extracting(Event::getType)
                .contains("checkout.session.expired");
        HttpResponse<String> clock = get("/_emulator/clock");
        assertThat(clock.body()).contains("\"now\":" + emulator.clock().epochSecond());
    }

    @Test
    void refusesToCompleteASessionThatIsNoLongerOpen() throws Exception {
        Session session = createPayment();
        stripe.v1().checkout().sessions().expire(session.getId());

        HttpResponse<String> response = complete(session.getId(), "card_number=4242424242424242");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no longer open");
    }

    @Test
    void completeAcceptsAJsonBody() throws Exception {
        Session open = createPayment();

        HttpResponse<String> response = postJson("/_emulator/checkout/sessions/" + open.getId()
                + "/complete", "{\"card_number\":\"4242424242424242\",\"email\":\"j@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stripe.v1().checkout().sessions().retrieve(open.getId()).getCustomerDetails()
                .getEmail()).isEqualTo("j@example.com");
    }

    @Test
    void listsEventsByTypesAndPages() throws Exception {
        Session a = createSubscription();
        Session b = createSubscription();
        complete(a.getId(), "");
        complete(b.getId(), "");

        var page = stripe.v1().events().list(EventListParams.builder().setLimit(1L)
                .addType("checkout.session.completed").addType("customer.created").build());
        var next = stripe.v1().events().list(EventListParams.builder().setLimit(1L)
                .addType("checkout.session.completed").addType("customer.created")
                .setStartingAfter(page.getData().get(0).getId()).build());

        assertThat(page.getData().get(0).getType()).isEqualTo("checkout.session.completed");
        assertThat(page.getHasMore()).isTrue();
        assertThat(next.getData().get(0).getType()).isEqualTo("customer.created");
        assertThatThrownBy(() -> stripe.v1().events().retrieve("evt_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("resource_missing"));
    }

    @Test
    void listsEventsCreatedWithinARangeAsTheBridgesReconciliationAsksForThem() throws Exception {
        Session earlier = createPayment();
        complete(earlier.getId(), "card_number=4242424242424242");
        long first = emulator.clock().epochSecond();
        advanceClock(100);
        Session later = createPayment();
        complete(later.getId(), "card_number=4242424242424242");

        var window = stripe.v1().events().list(EventListParams.builder().addType("checkout.session.completed")
                .addType("checkout.session.expired").setLimit(100L)
                .setCreated(EventListParams.Created.builder().setGte(first).setLte(first + 50).build()).build());
        var afterIt = stripe.v1().events().list(EventListParams.builder().addType("checkout.session.completed")
                .setLimit(100L).setCreated(EventListParams.Created.builder().setGte(first + 51).build()).build());

        assertThat(window.getData()).extracting(event -> ((Session) event.getDataObjectDeserializer().getObject()
                .orElseThrow()).getId()).contains(earlier.getId()).doesNotContain(later.getId());
        assertThat(afterIt.getData()).extracting(event -> ((Session) event.getDataObjectDeserializer().getObject()
                .orElseThrow()).getId()).containsExactly(later.getId());
    }
}
