package org.checkoutpipeline.allinone.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;

/**
 * Plays customers through the Stripe emulator over HTTP, as the hosted page would: views the
 * payment page, pays with a test card or IBAN through {@code /_emulator/checkout/sessions/{id}/complete},
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

    /** Plays one story for a session; completes when the customer is done with the page. */
    public CompletableFuture<Void> play(Story story, String sessionId, String pageUrl, Duration hesitation) {
        return switch (story) {
            case PAY -> pay(sessionId, "card_number", GOOD_CARD, 200);
            case DECLINED_THEN_PAY -> pay(sessionId, "card_number", DECLINED_CARD, 402)
                    .thenCompose(declined -> pay(sessionId, "card_number", GOOD_CARD, 200));
            case CANCEL_THEN_PAY -> view(pageUrl)
                    .thenCompose(viewed -> later(hesitation))
                    .thenCompose(back -> view(pageUrl))
                    .thenCompose(viewed -> pay(sessionId, "card_number", GOOD_CARD, 200));
            case BANK_DEBIT_SUCCEEDS -> pay(sessionId, "iban", PaymentOutcome.ASYNC_SUCCESS_IBAN, 200);
            case BANK_DEBIT_FAILS -> pay(sessionId, "iban", PaymentOutcome.ASYNC_FAILURE_IBAN, 200);
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

    private CompletableFuture<Void> pay(String sessionId, String field, String value, int expectedStatus) {
        String body = field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + "&email=" + URLEncoder.encode("demo@example.com", StandardCharsets.UTF_8);
        return http.sendAsync(form(emulatorBase + "/_emulator/checkout/sessions/" + sessionId + "/complete", body),
                        HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    if (response.statusCode() != expectedStatus) {
                        throw new IllegalStateException("Paying " + sessionId + " with " + field + " " + value + " answered "
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
