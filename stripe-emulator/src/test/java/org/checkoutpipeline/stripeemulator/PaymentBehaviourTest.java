package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.PaymentIntentData;
import com.stripe.param.checkout.SessionCreateParams.SubscriptionData;
import org.junit.jupiter.api.Test;

/** Parameters that change what paying does: manual capture and subscription trials. */
class PaymentBehaviourTest extends EmulatorTestSupport {

    private static Session manualCapture() throws Exception {
        return stripe.v1().checkout().sessions().create(payment().setPaymentIntentData(PaymentIntentData.builder()
                .setCaptureMethod(PaymentIntentData.CaptureMethod.MANUAL).build()).build());
    }

    private static PaymentIntent paidIntent(Session session) throws Exception {
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);
        return stripe.v1().paymentIntents().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent());
    }

    @Test
    void aManualCaptureHoldsTheFundsUntilCapturedInPart() throws Exception {
        Session session = manualCapture();
        PaymentIntent held = paidIntent(session);

        assertThat(held.getStatus()).isEqualTo("requires_capture");
        assertThat(held.getCaptureMethod()).isEqualTo("manual");
        assertThat(held.getAmountCapturable()).isEqualTo(4000);
        assertThat(held.getAmountReceived()).isZero();
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("unpaid");
        assertThat(types(held.getId())).contains("payment_intent.amount_capturable_updated")
                .doesNotContain("payment_intent.succeeded");

        PaymentIntent captured = stripe.v1().paymentIntents().capture(held.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(2500L).build());

        assertThat(captured.getStatus()).isEqualTo("succeeded");
        assertThat(captured.getAmountReceived()).isEqualTo(2500);
        assertThat(captured.getAmountCapturable()).isZero();
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
        assertThat(types(held.getId())).contains("payment_intent.succeeded");
        assertThatThrownBy(() -> stripe.v1().paymentIntents().capture(held.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state"));
    }

    @Test
    void aHeldPaymentCanBeCanceledInsteadButACapturedOneCannot() throws Exception {
        PaymentIntent held = paidIntent(manualCapture());
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(held.getId(), PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER).build());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isEqualTo("requested_by_customer");
        assertThat(canceled.getCanceledAt()).isNotNull();
        assertThat(types(held.getId())).contains("payment_intent.canceled");

        PaymentIntent automatic = paidIntent(createPayment());
        assertThat(automatic.getCaptureMethod()).isEqualTo("automatic");
        assertThatThrownBy(() -> stripe.v1().paymentIntents().cancel(automatic.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state"));
        assertThatThrownBy(() -> stripe.v1().paymentIntents().capture(held.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(100_000L).build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aTrialStartsATrialingSubscriptionWithNothingDueToday() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setSuccessUrl("https://shop.example/ok")
                .addLineItem(monthly(1500))
                .setSubscriptionData(SubscriptionData.builder().setTrialPeriodDays(14L).setDescription("Coffee club")
                        .putMetadata("plan", "beans").build())
                .build());
        assertThat(session.getAmountTotal()).isZero();
        assertThat(get("/c/pay/" + session.getId()).body()).contains("Free trial, then $15.00 per month");
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);

        Session done = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
        Subscription subscription = stripe.v1().subscriptions().retrieve(done.getSubscription());
        assertThat(subscription.getStatus()).isEqualTo("trialing");
        assertThat(subscription.getTrialEnd() - subscription.getTrialStart()).isEqualTo(14 * 86_400);
        assertThat(subscription.getDescription()).isEqualTo("Coffee club");
        assertThat(subscription.getMetadata()).containsEntry("plan", "beans");
    }

    @Test
    void subscriptionDataFollowsStripesRules() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment().setSubscriptionData(
                SubscriptionData.builder().setTrialPeriodDays(7L).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("subscription_data"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).addLineItem(monthly(1500))
                .setSubscriptionData(SubscriptionData.builder().setTrialEnd(START.getEpochSecond() + 3600).build())
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("subscription_data[trial_end]"));
    }

    private static java.util.List<String> types(String intentId) throws Exception {
        return stripe.v1().events().list(EventListParams.builder().setType("payment_intent.*").setLimit(100L).build())
                .getData().stream().filter(e -> e.getDataObjectDeserializer().getRawJson().contains(intentId))
                .map(Event::getType).toList();
    }

    @Test
    void invoiceCreationLeavesAPaidInvoiceForTheNewCustomer() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment()
                .setInvoiceCreation(SessionCreateParams.InvoiceCreation.builder().setEnabled(true)
                        .setInvoiceData(SessionCreateParams.InvoiceCreation.InvoiceData.builder()
                                .setDescription("Order 1042").setFooter("Thank you!").putMetadata("order", "1042")
                                .addCustomField(SessionCreateParams.InvoiceCreation.InvoiceData.CustomField.builder()
                                        .setName("PO").setValue("7781").build()).build()).build())
                .build());
        assertThat(session.getInvoiceCreation().getEnabled()).isTrue();
        assertThat(session.getInvoice()).isNull();
        assertThat(complete(session.getId(), "card_number=4242424242424242&email=ada%40example.com").statusCode())
                .isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId(),
                com.stripe.param.checkout.SessionRetrieveParams.builder().addExpand("invoice").build());
        com.stripe.model.Invoice invoice = paid.getInvoiceObject();
        assertThat(invoice.getId()).startsWith("in_");
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getAmountPaid()).isEqualTo(4000);
        assertThat(invoice.getCustomer()).isEqualTo(paid.getCustomer()).startsWith("cus_");
        assertThat(invoice.getCustomerEmail()).isEqualTo("ada@example.com");
        assertThat(invoice.getDescription()).isEqualTo("Order 1042");
        assertThat(invoice.getFooter()).isEqualTo("Thank you!");
        assertThat(invoice.getMetadata()).containsEntry("order", "1042");
        assertThat(invoice.getCustomFields()).singleElement().satisfies(f -> assertThat(f.getValue()).isEqualTo("7781"));
        assertThat(invoice.getLines().getData()).singleElement()
                .satisfies(l -> assertThat(l.getAmount()).isEqualTo(4000));
        assertThat(stripe.v1().invoices().retrieve(invoice.getId()).getStatus()).isEqualTo("paid");
        assertThat(stripe.v1().events().list(EventListParams.builder().setType("invoice.paid").build()).getData())
                .anySatisfy(e -> assertThat(e.getDataObjectDeserializer().getRawJson()).contains(invoice.getId()));

        var fixture = new com.fasterxml.jackson.databind.ObjectMapper().readTree(getClass().getResourceAsStream(
                "/stripe-reference/fixtures-catalog-payments.json")).get("resources").get("invoice");
        var fields = new java.util.TreeSet<String>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/v1/invoices/" + invoice.getId()).body())
                .fieldNames().forEachRemaining(fields::add);
        var expected = new java.util.TreeSet<String>();
        fixture.fieldNames().forEachRemaining(expected::add);
        assertThat(fields).isEqualTo(expected);
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).addLineItem(monthly(1500))
                .setInvoiceCreation(SessionCreateParams.InvoiceCreation.builder().setEnabled(true).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("invoice_creation"));
    }
}
