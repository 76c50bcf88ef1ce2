package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.PaymentMethodType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which payment methods a session offers, and how each flow pays, driven by stripe-java (API dahlia). */
class PaymentMethodsTest extends EmulatorTestSupport {

    @AfterEach
    void restoreTheDefaultConfiguration() throws Exception {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl()
                + "/_emulator/payment_method_configuration")).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static SessionCreateParams.Builder payment(String currency, long amount) {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/ok").addLineItem(item(currency, amount, 1));
    }

    private static Session create(SessionCreateParams.Builder params) throws Exception {
        return stripe.v1().checkout().sessions().create(params.build());
    }

    @Test
    void requestedMethodsAreWhatTheSessionAndItsPageOffer() throws Exception {
        Session session = create(payment("eur", 2500).addPaymentMethodType(PaymentMethodType.IDEAL)
                .addPaymentMethodType(PaymentMethodType.SEPA_DEBIT));

        assertThat(session.getPaymentMethodTypes()).containsExactly("ideal", "sepa_debit");
        assertThat(session.getPaymentMethodConfigurationDetails()).isNull();
        String page = get(session.getUrl().substring(emulator.baseUrl().length())).body();
        assertThat(page).contains("id=\"pm-ideal\"", "id=\"pm-sepa_debit\"", "By providing your payment information")
                .doesNotContain("id=\"pm-card\"", "name=\"card_number\"");
    }

    @ParameterizedTest(name = "{0} on a {1} {2} session")
    @CsvSource(delimiter = '|', value = {
        "ideal|usd|payment|The currency provided (usd) is invalid for one or more payment method types on this"
                + " Checkout Session. The payment method type ideal only supports the following currencies: eur.",
        "oxxo|mxn|subscription|The payment method `oxxo` cannot be used in `subscription` mode.",
        "giropay|eur|payment|The payment method type provided: giropay is invalid.",
        "affirm|usd|payment|The payment method `affirm` accepts amounts from 5000 to 3000000",
        "customer_balance|usd|payment|The Stripe emulator does not model the payment method `customer_balance`"})
    void aMethodTheSessionCannotUseIsRefusedAtCreate(String type, String currency, String mode, String message) {
        var params = SessionCreateParams.builder().setSuccessUrl("https://shop.example/ok")
                .addPaymentMethodType(PaymentMethodType.valueOf(type.toUpperCase(java.util.Locale.ROOT)));
        if (mode.equals("subscription")) {
            params.setMode(SessionCreateParams.Mode.SUBSCRIPTION).addLineItem(SessionCreateParams.LineItem.builder()
                    .setQuantity(1L).setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency).setUnitAmount(2000L)
                            .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                                    .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                                    .build())
                            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName("Club").build()).build()).build());
        } else {
            params.setMode(SessionCreateParams.Mode.PAYMENT).addLineItem(item(currency, 2000, 1));
        }

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getMessage()).startsWith(message);
                    assertThat(e.getStripeError().getParam()).startsWith("payment_method_types");
                });
    }

    @Test
    void manualCaptureRefusesAMethodThatCannotHoldFunds() {
        assertThatThrownBy(() -> create(payment("eur", 2500).addPaymentMethodType(PaymentMethodType.IDEAL)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setCaptureMethod(SessionCreateParams.PaymentIntentData.CaptureMethod.MANUAL).build())))
                .hasMessageContaining("`ideal` does not support `payment_intent_data[capture_method]=manual`");
    }

    @Test
    void withoutATypeListTheSessionOffersTheEligibleMethodsOfTheConfiguration() throws Exception {
        Session small = create(payment("usd", 4000));
        Session large = create(payment("usd", 10000));
        Session euros = create(payment("eur", 4000));
        Session held = create(payment("eur", 4000).setPaymentIntentData(SessionCreateParams.PaymentIntentData
                .builder().setCaptureMethod(SessionCreateParams.PaymentIntentData.CaptureMethod.MANUAL).build()));

        assertThat(small.getPaymentMethodTypes()).startsWith("card", "link").contains("us_bank_account", "cashapp")
                .doesNotContain("affirm", "sepa_debit", "ideal", "oxxo");
        // Affirm takes 50.00 USD and more.
        assertThat(large.getPaymentMethodTypes()).contains("affirm");
        assertThat(euros.getPaymentMethodTypes()).startsWith("card", "link")
                .contains("ideal", "bancontact", "eps", "sepa_debit", "klarna").doesNotContain("giropay", "sofort");
        assertThat(held.getPaymentMethodTypes()).contains("card", "klarna").doesNotContain("ideal", "sepa_debit");
        assertThat(euros.getPaymentMethodConfigurationDetails().getId()).isEqualTo("pmc_emulator_default");
    }

    @Test
    void excludedMethodsAreLeftOutAndTheConfigurationCanBeChanged() throws Exception {
        Session excluded = create(payment("eur", 4000)
                .addExcludedPaymentMethodType(SessionCreateParams.ExcludedPaymentMethodType.IDEAL)
                .addExcludedPaymentMethodType(SessionCreateParams.ExcludedPaymentMethodType.KLARNA));
        assertThat(postJson("/_emulator/payment_method_configuration", "{\"enabled\": [\"card\", \"ideal\"]}")
                .statusCode()).isEqualTo(200);
        Session configured = create(payment("eur", 4000));
        Session dollars = create(payment("usd", 4000));

        assertThat(excluded.getPaymentMethodTypes()).contains("card", "sepa_debit").doesNotContain("ideal", "klarna");
        assertThat(excluded.getExcludedPaymentMethodTypes()).containsExactly("ideal", "klarna");
        assertThat(configured.getPaymentMethodTypes()).containsExactly("card", "ideal");
        assertThat(dollars.getPaymentMethodTypes()).containsExactly("card");
        assertThat(postJson("/_emulator/payment_method_configuration", "{\"enabled\": [\"bogus\"]}").body())
                .contains("'bogus' is not a payment method type the emulator models");
        postJson("/_emulator/payment_method_configuration", "{\"enabled\": [\"ideal\"]}");
        assertThatThrownBy(() -> create(payment("usd", 4000)))
                .hasMessageContaining("No valid payment method types for this Checkout Session");
    }

    @Test
    void dynamicVoucherAndDebitMethodsCarryTheOptionsCheckoutNeedsForThem() throws Exception {
        Session pesos = create(payment("mxn", 25000));
        postJson("/_emulator/payment_method_configuration", "{\"enabled\": [\"card\", \"acss_debit\"]}");
        Session withoutMandate = create(payment("cad", 2500));
        Session withMandate = create(payment("cad", 2500).setPaymentMethodOptions(
                SessionCreateParams.PaymentMethodOptions.builder().setAcssDebit(
                        SessionCreateParams.PaymentMethodOptions.AcssDebit.builder().setMandateOptions(
                                SessionCreateParams.PaymentMethodOptions.AcssDebit.MandateOptions.builder()
                                        .setPaymentSchedule(SessionCreateParams.PaymentMethodOptions.AcssDebit
                                                .MandateOptions.PaymentSchedule.SPORADIC)
                                        .setTransactionType(SessionCreateParams.PaymentMethodOptions.AcssDebit
                                                .MandateOptions.TransactionType.PERSONAL).build())
                                .build()).build()));

        assertThat(pesos.getPaymentMethodTypes()).contains("oxxo");
        assertThat(pesos.getPaymentMethodOptions().getOxxo().getExpiresAfterDays()).isEqualTo(3);
        // Checkout cannot offer a pre-authorized debit without its mandate's terms.
        assertThat(withoutMandate.getPaymentMethodTypes()).containsExactly("card");
        assertThat(withMandate.getPaymentMethodTypes()).containsExactly("card", "acss_debit");
        assertThat(withMandate.getPaymentMethodOptions().getAcssDebit().getMandateOptions().getPaymentSchedule())
                .isEqualTo("sporadic");
        assertThat(post("/v1/checkout/sessions", "mode=payment&success_url=https://shop.example/ok"
                + "&line_items[0][quantity]=1&line_items[0][price_data][currency]=cad"
                + "&line_items[0][price_data][unit_amount]=2500&line_items[0][price_data][product_data][name]=Box"
                + "&payment_method_options[acss_debit][verification_method]=microdeposits").body())
                .contains("does not model `payment_method_options[acss_debit][verification_method]`");
    }

    @Test
    void theCompletionControlRefusesAnOutcomeThatDoesNotFitTheMethod() throws Exception {
        Session euros = create(payment("eur", 2500));

        var refused = complete(euros.getId(), "payment_method=sepa_debit&outcome=success");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"param\":\"outcome\"", "`sepa_debit` is a delayed debit");
        assertThat(complete(euros.getId(), "payment_method=card&outcome=async_success").body())
                .contains("needs a delayed payment method");
    }

    @Test
    void aVoucherPaidWithThePrefilledEmailFollowsThatEmailsPattern() throws Exception {
        Session session = create(payment("mxn", 25000).addPaymentMethodType(PaymentMethodType.OXXO)
                .setCustomerEmail("ana_expire_immediately@example.com"));

        complete(session.getId(), "payment_method=oxxo");
        advanceClock(1);

        assertThat(eventsFor("checkout.session.async_payment_failed", session.getId())).isEqualTo(1);
    }

    @Test
    void aRedirectMethodPaysWhenAuthorizedAndLeavesTheSessionOpenWhenFailed() throws Exception {
        Session session = create(payment("eur", 2500).addPaymentMethodType(PaymentMethodType.IDEAL));

        var failed = complete(session.getId(), "payment_method=ideal&redirect=fail");
        assertThat(failed.statusCode()).isEqualTo(402);
        assertThat(failed.body()).contains("\"code\":\"payment_intent_authentication_failure\"");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
        assertThat(complete(session.getId(), "payment_method=ideal&redirect=authorize").statusCode()).isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent());
        PaymentMethod method = stripe.v1().paymentMethods().retrieve(intent.getPaymentMethod());
        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(intent.getPaymentMethodTypes()).containsExactly("ideal");
        assertThat(method.getType()).isEqualTo("ideal");
        assertThat(charge.getPaymentMethodDetails().getType()).isEqualTo("ideal");
        assertThat(charge.getAmountCaptured()).isEqualTo(2500);
    }

    @Test
    void aCardPaymentCarriesTheCardsDetailsOnItsPaymentMethodAndCharge() throws Exception {
        Session session = create(payment("usd", 2500));
        complete(session.getId(), "payment_method=card&card_number=5555555555554444");

        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent());
        PaymentMethod method = stripe.v1().paymentMethods().retrieve(intent.getPaymentMethod());
        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());

        assertThat(method.getCard().getBrand()).isEqualTo("mastercard");
        assertThat(method.getCard().getLast4()).isEqualTo("4444");
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4444");
        assertThatThrownBy(() -> stripe.v1().paymentMethods().retrieve("pm_missing"))
                .hasMessageContaining("No such payment_method: 'pm_missing'");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "us_bank_account, 000123456789, usd, 60, true",
        "us_bank_account, 000222222227, usd, 60, false",
        "bacs_debit, 90012345, gbp, 180, true",
        "au_becs_debit, 111111113, aud, 60, false",
        "sepa_debit, DE08370400440532013003, eur, 180, true"})
    void aDebitCompletesUnpaidAndSettlesAfterTheDelayItsTestValueSelects(String type, String account,
            String currency, long settlesAfter, boolean succeeds) throws Exception {
        Session session = create(payment(currency, 2500).addPaymentMethodType(
                PaymentMethodType.valueOf(type.toUpperCase(java.util.Locale.ROOT))));
        String field = type.equals("sepa_debit") ? "iban" : "account_number";

        assertThat(complete(session.getId(), "payment_method=" + type + "&" + field + "=" + account).statusCode())
                .isEqualTo(200);
        Session pending = stripe.v1().checkout().sessions().retrieve(session.getId());
        PaymentIntent processing = stripe.v1().paymentIntents().retrieve(pending.getPaymentIntent());
        assertThat(processing.getStatus()).isEqualTo("processing");
        assertThat(stripe.v1().charges().retrieve(processing.getLatestCharge()).getStatus()).isEqualTo("pending");
        advanceClock(settlesAfter - 1);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("unpaid");
        advanceClock(1);

        Session settled = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(settled.getStatus()).isEqualTo("complete");
        assertThat(pending.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(settled.getPaymentStatus()).isEqualTo(succeeds ? "paid" : "unpaid");
        assertThat(eventsFor(succeeds ? "checkout.session.async_payment_succeeded"
                : "checkout.session.async_payment_failed", session.getId())).isEqualTo(1);
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(settled.getPaymentIntent());
        assertThat(stripe.v1().paymentMethods().retrieve(intent.getPaymentMethod()).getType()).isEqualTo(type);
        // A debit's Charge is pending while it processes, then succeeded or failed.
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getStatus())
                .isEqualTo(succeeds ? "succeeded" : "failed");
    }

    @Test
    void anUnknownDebitTestValueIsRefusedWithTheValuesThatWork() throws Exception {
        Session session = create(payment("gbp", 2500).addPaymentMethodType(PaymentMethodType.BACS_DEBIT));

        var refused = complete(session.getId(), "payment_method=bacs_debit&account_number=11112222");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"param\":\"account_number\"", "00012345");
    }

    @Test
    void aVoucherCompletesUnpaidWithItsInstructionsAndIsPaidLater() throws Exception {
        Session session = create(payment("mxn", 25000).addPaymentMethodType(PaymentMethodType.OXXO));

        complete(session.getId(), "payment_method=oxxo&email=ana@example.com");
        Session pending = stripe.v1().checkout().sessions().retrieve(session.getId());
        PaymentIntent waiting = stripe.v1().paymentIntents().retrieve(pending.getPaymentIntent());
        var details = waiting.getNextAction().getOxxoDisplayDetails();
        String voucher = get(details.getHostedVoucherUrl().substring(emulator.baseUrl().length())).body();
        advanceClock(180);

        assertThat(pending.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(waiting.getStatus()).isEqualTo("requires_action");
        assertThat(waiting.getNextAction().getType()).isEqualTo("oxxo_display_details");
        assertThat(details.getExpiresAfter()).isEqualTo(waiting.getCreated() + 3 * 24 * 3600);
        assertThat(details.getNumber()).hasSize(14);
        assertThat(voucher).contains("OXXO voucher", details.getNumber(), "Not paid yet.");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
        assertThat(get(details.getHostedVoucherUrl().substring(emulator.baseUrl().length())).body())
                .contains("This voucher has been paid.");
    }

    @Test
    void aVoucherNeverPaidExpiresWhenItsDaysRunOut() throws Exception {
        Session session = create(payment("brl", 5000).addPaymentMethodType(PaymentMethodType.BOLETO)
                .setPaymentMethodOptions(SessionCreateParams.PaymentMethodOptions.builder()
                        .setBoleto(SessionCreateParams.PaymentMethodOptions.Boleto.builder().setExpiresAfterDays(2L)
                                .build()).build()));

        complete(session.getId(), "payment_method=boleto&email=ana_fill_never@example.com"
                + "&boleto_tax_id=123.456.789-01");
        advanceClock(24 * 3600);
        String afterADay = stripe.v1().paymentIntents().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent()).getStatus();
        advanceClock(24 * 3600);

        Session expired = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(session.getPaymentMethodOptions().getBoleto().getExpiresAfterDays()).isEqualTo(2);
        assertThat(afterADay).isEqualTo("requires_action");
        assertThat(expired.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(stripe.v1().paymentIntents().retrieve(expired.getPaymentIntent()).getStatus())
                .isEqualTo("requires_payment_method");
        assertThat(eventsFor("checkout.session.async_payment_failed", session.getId())).isEqualTo(1);
        assertThat(stripe.v1().paymentMethods().retrieve(stripe.v1().paymentIntents()
                .retrieve(expired.getPaymentIntent()).getPaymentMethod()).getBoleto().getTaxId()).isEqualTo("12345678901");
    }

    @Test
    void aVoucherCanceledBeforeItIsPaidFailsItsSessionsPayment() throws Exception {
        Session session = create(payment("mxn", 25000).addPaymentMethodType(PaymentMethodType.OXXO));
        complete(session.getId(), "payment_method=oxxo&email=ana@example.com");
        String intentId = stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent();

        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(intentId);
        advanceClock(180); // when the voucher would have been paid

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("unpaid");
        assertThat(stripe.v1().paymentIntents().retrieve(intentId).getStatus()).isEqualTo("canceled");
        assertThat(eventsFor("checkout.session.async_payment_failed", session.getId())).isEqualTo(1);
        assertThat(eventsFor("checkout.session.async_payment_succeeded", session.getId())).isZero();
    }

    @Test
    void aVoucherEmailCanMakeItExpireAtOnce() throws Exception {
        Session session = create(payment("jpy", 2000).addPaymentMethodType(PaymentMethodType.KONBINI));

        complete(session.getId(), "payment_method=konbini&email=taro_expire_immediately@example.com");
        advanceClock(1);

        assertThat(eventsFor("checkout.session.async_payment_failed", session.getId())).isEqualTo(1);
    }

    @Test
    void aMethodTheSessionDoesNotOfferCannotPayIt() throws Exception {
        Session session = create(payment("usd", 2500));

        var refused = complete(session.getId(), "payment_method=ideal");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("does not offer the payment method `ideal`", "\"param\":\"payment_method\"");
    }

    @Test
    void setupModeSavesADebitMandateButRefusesAVoucher() throws Exception {
        var setup = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP).setCurrency("eur")
                .setSuccessUrl("https://shop.example/ok");
        Session session = create(setup.addPaymentMethodType(PaymentMethodType.SEPA_DEBIT));

        complete(session.getId(), "payment_method=sepa_debit&iban=DE89370400440532013000");

        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("complete");
        assertThatThrownBy(() -> create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("mxn").setSuccessUrl("https://shop.example/ok")
                .addPaymentMethodType(PaymentMethodType.OXXO)))
                .hasMessageContaining("The payment method `oxxo` cannot be used in `setup` mode.");
    }

    private static long eventsFor(String type, String sessionId) throws Exception {
        List<Event> events = stripe.v1().events().list(EventListParams.builder().setType(type).setLimit(100L)
                .build()).getData();
        return events.stream().filter(e -> e.getDataObjectDeserializer().getRawJson().contains(sessionId)).count();
    }
}
