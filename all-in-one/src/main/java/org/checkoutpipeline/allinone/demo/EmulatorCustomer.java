package org.checkoutpipeline.allinone.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;

/**
 * Plays customers through the Stripe emulator over HTTP, as the hosted page would: views the
 * payment page, pays with a test card or a delayed method's test value through {@code /_emulator/checkout/sessions/{id}/complete},
 * and moves the emulator's clock. Works the same against an embedded or a standalone emulator.
 */
public final class EmulatorCustomer {

    static final String GOOD_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";

    private final HttpClient http;
    private final String emulatorBase;
    private final Executor executor;

    public EmulatorCustomer(String emulatorBase, Executor executor) {
        this.emulatorBase = emulatorBase;
        this.executor = executor;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    }

    /**
     * How a demo customer pays later in a currency: the delayed method a session in that currency
     * offers (Stripe's dynamic selection), its test field, and the values that succeed and fail.
     */
    record DelayedPayment(String method, String field, String succeeds, String fails) {}

    /** The delayed payment for an order in {@code currency} and {@code mode}, or null when none applies. */
    static DelayedPayment delayedPayment(String currency, boolean paymentMode) {
        return switch (currency) {
            case "eur" -> new DelayedPayment("sepa_debit", "iban", PaymentOutcome.ASYNC_SUCCESS_IBAN,
                    PaymentOutcome.ASYNC_FAILURE_IBAN);
            case "usd" -> new DelayedPayment("us_bank_account", "account_number", "000123456789", "000222222227");
            case "gbp" -> new DelayedPayment("bacs_debit", "account_number", "00012345", "22222227");
            case "aud" -> new DelayedPayment("au_becs_debit", "account_number", "000123456", "111111113");
            // Yen has no bank debit; its voucher, Konbini, has stories of its own (a voucher expires, it is not declined).
            default -> null;
        };
    }

    /** Where a shipped order's customer lives, by the first country the order ships to. */
    private static final Map<String, String> ADDRESSES = Map.of(
            "US", "shipping[address][line1]=1+Market+St&shipping[address][city]=San+Francisco&shipping[address][state]=CA"
                    + "&shipping[address][postal_code]=94105",
            "DE", "shipping[address][line1]=Unter+den+Linden+1&shipping[address][city]=Berlin&shipping[address][postal_code]=10117",
            "GB", "shipping[address][line1]=10+Downing+St&shipping[address][city]=London&shipping[address][postal_code]=SW1A+2AA",
            "JP", "shipping[address][line1]=1-1+Chiyoda&shipping[address][city]=Tokyo&shipping[address][postal_code]=100-0001",
            "AU", "shipping[address][line1]=1+George+St&shipping[address][city]=Sydney&shipping[address][state]=NSW"
                    + "&shipping[address][postal_code]=2000",
            "MX", "shipping[address][line1]=Av.+Reforma+1&shipping[address][city]=Ciudad+de+Mexico"
                    + "&shipping[address][postal_code]=06600");

    /** The automatic tax table the demo sets, by the countries (and US state) above. */
    static final String TAX_TABLE = "{\"rates\": {\"US-CA\": \"7.25\", \"DE\": \"19\", \"GB\": \"20\", "
            + "\"JP\": \"10\", \"AU\": \"10\", \"MX\": \"16\", \"FR\": \"20\", \"NL\": \"21\", \"AT\": \"20\", "
            + "\"IE\": \"23\", \"CA\": \"5\"}}";

    /** Sets the emulator's automatic tax table, so shipped orders are taxed by their address. */
    public void setTaxTable() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulatorBase + "/_emulator/automatic_tax"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TAX_TABLE)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Setting the automatic tax table answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Plays one story for a session; completes when the customer is done with the page. */
    public CompletableFuture<Void> play(Story story, String sessionId, String pageUrl, Duration hesitation,
            DelayedPayment delayed, OrderPlaced order, String promotionCode) {
        return switch (story) {
            case SHIP_WITH_CODE -> submit(sessionId, "card_number=" + GOOD_CARD + "&name=Demo+Shopper"
                    + "&promotion_code=" + URLEncoder.encode(promotionCode, StandardCharsets.UTF_8)
                    + "&shipping[name]=Demo+Shopper&phone=%2B15555550100&shipping[address][country]="
                    + order.getCheckout().getShippingCountries().get(0) + "&"
                    + ADDRESSES.get(order.getCheckout().getShippingCountries().get(0)), "a shipped order", 200);
            case TRIAL, EMBEDDED -> pay(sessionId, "card_number", GOOD_CARD, 200);
            case REDIRECT_PAYS -> submit(sessionId, "payment_method=ideal&redirect=authorize", "iDEAL", 200);
            case REDIRECT_FAILS -> submit(sessionId, "payment_method=ideal&redirect=fail", "a failing iDEAL", 402)
                    .thenCompose(failed -> view(pageUrl));
            case VOUCHER_PAID -> submit(sessionId, "payment_method=konbini&email=demo_succeed_immediately%40example.com",
                    "Konbini", 200);
            case VOUCHER_EXPIRES -> submit(sessionId, "payment_method=konbini&email=demo_expire_immediately%40example.com",
                    "Konbini", 200);
            case PAY -> pay(sessionId, "card_number", GOOD_CARD, 200);
            case DECLINED_THEN_PAY -> pay(sessionId, "card_number", DECLINED_CARD, 402)
                    .thenCompose(declined -> pay(sessionId, "card_number", GOOD_CARD, 200));
            case CANCEL_THEN_PAY -> view(pageUrl)
                    .thenCompose(viewed -> later(hesitation))
                    .thenCompose(back -> view(pageUrl))
                    .thenCompose(viewed -> pay(sessionId, "card_number", GOOD_CARD, 200));
            case BANK_DEBIT_SUCCEEDS -> payLater(sessionId, delayed, delayed.succeeds());
            case BANK_DEBIT_FAILS -> payLater(sessionId, delayed, delayed.fails());
            case ABANDON -> view(pageUrl);
        };
    }

    /** Moves the emulator's clock forward: due delayed payments settle and open sessions past expiry expire. */
    public void advanceClock(Duration amount) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(form(emulatorBase + "/_emulator/clock/advance",
                "seconds=" + amount.toSeconds()), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Advancing the emulator clock answered " + response.statusCode() + ": " + response.body());
        }
    }

    private CompletableFuture<Void> payLater(String sessionId, DelayedPayment delayed, String value) {
        return submit(sessionId, "payment_method=" + delayed.method() + "&" + delayed.field() + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8), delayed.field() + " " + value, 200);
    }

    private CompletableFuture<Void> pay(String sessionId, String field, String value, int expectedStatus) {
        return submit(sessionId, field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), field + " " + value,
                expectedStatus);
    }

    /** Completes the session through the emulator's control with the form {@code fields}; {@code what} names it in errors. */
    private CompletableFuture<Void> submit(String sessionId, String fields, String what, int expectedStatus) {
        String body = fields + (fields.contains("email=") ? ""
                : "&email=" + URLEncoder.encode("demo@example.com", StandardCharsets.UTF_8));
        return http.sendAsync(form(emulatorBase + "/_emulator/checkout/sessions/" + sessionId + "/complete", body),
                        HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    if (response.statusCode() != expectedStatus) {
                        throw new IllegalStateException("Paying " + sessionId + " with " + what + " answered "
                                + response.statusCode() + " instead of " + expectedStatus + ": " + response.body());
                    }
                });
    }

    private CompletableFuture<Void> view(String pageUrl) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(pageUrl)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("The payment page " + pageUrl + " answered " + response.statusCode());
                    }
                });
    }

    private CompletableFuture<Void> later(Duration delay) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor));
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
