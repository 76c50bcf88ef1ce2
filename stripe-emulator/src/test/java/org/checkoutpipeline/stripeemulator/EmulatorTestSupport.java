package org.checkoutpipeline.stripeemulator;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts one emulator per test class on a free port, with a fixed base clock, and gives tests a
 * stripe-java client and a plain HTTP client pointed at it.
 */
abstract class EmulatorTestSupport {

    static final Instant START = Instant.parse("2026-08-01T10:00:00Z");
    static StripeEmulator emulator;
    static StripeClient stripe;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startEmulator() {
        emulator = StripeEmulator.builder().port(0).host("127.0.0.1")
                .clock(Clock.fixed(START, ZoneOffset.UTC)).build().start();
        stripe = client(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.stop();
    }

    static StripeClient client(StripeEmulator target) {
        return StripeClient.builder().setApiKey("sk_test_emulator")
                .setApiBase(target.baseUrl()).setConnectBase(target.baseUrl())
                .setFilesBase(target.baseUrl()).build();
    }

    static SessionCreateParams.LineItem item(String currency, long unitAmount, long quantity) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(quantity)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(currency)
                        .setUnitAmount(unitAmount)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("T-shirt").build())
                        .build())
                .build();
    }

    static SessionCreateParams.LineItem monthly(long unitAmount) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency("usd")
                        .setUnitAmount(unitAmount)
                        .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                                .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                                .build())
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("Membership").build())
                        .build())
                .build();
    }

    static SessionCreateParams.Builder payment() {
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://shop.example/cancel")
                .addLineItem(item("usd", 2000, 2));
    }

    static Session createPayment() throws StripeException {
        return stripe.v1().checkout().sessions().create(payment().build());
    }

    /** A payment-mode session in euros, which offers SEPA Direct Debit (the delayed test payments' method). */
    static Session createEuroPayment() throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/success?session_id={CHECKOUT_SESSION_ID}")
                .addLineItem(item("eur", 2000, 2)).build());
    }

    /** A payment-mode session whose payment creates a Customer ({@code customer_creation=always}). */
    static Session createPaymentForNewCustomer() throws StripeException {
        return stripe.v1().checkout().sessions().create(payment()
                .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS).build());
    }

    static Session createSubscription() throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setSuccessUrl("https://shop.example/success")
                .addLineItem(monthly(1500))
                .build());
    }

    static Session createSetup() throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("eur")
                .setSuccessUrl("https://shop.example/success")
                .build());
    }

    static HttpResponse<String> post(String path, String form) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_emulator")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String path, String json) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_emulator").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> complete(String sessionId, String form) throws IOException,
            InterruptedException {
        return post("/_emulator/checkout/sessions/" + sessionId + "/complete", form);
    }

    static void advanceClock(long seconds) throws IOException, InterruptedException {
        var response = post("/_emulator/clock/advance", "seconds=" + seconds);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("clock advance failed: " + response.body());
        }
    }
}
