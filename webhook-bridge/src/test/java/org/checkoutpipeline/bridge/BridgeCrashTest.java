package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import org.checkoutpipeline.embeddedkafka.junit.ChildJvm;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.Test;

/**
 * The only bridge, in its own JVM, killed with SIGKILL while customers pay, then started again on
 * the same port: Stripe's retries and reconciliation bring every payment to checkout.events, and the
 * published ids shared through checkout.events keep the restarted bridge from publishing them twice.
 */
class BridgeCrashTest {

    private static final int PAYMENTS = 300;
    private static final int PER_SECOND = 60;
    private static final RetrySchedule QUICK_RETRIES = RetrySchedule.parse("500ms,1s,2s,2s,2s,2s,2s,2s,2s,2s,2s,2s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBridgeKilledWhilePaymentsArriveAndRestartedPublishesEveryPaymentAndAlmostNoneTwice() throws Exception {
        Path logs = Path.of("target", "crash-logs");
        try (BridgeHarness harness = new BridgeHarness(QUICK_RETRIES, 0)) {
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < PAYMENTS; i++) {
                sessions.add(harness.createSession("crash-order-" + i, Mode.PAYMENT));
            }
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", harness.broker.bootstrapServers(),
                    "STRIPE_WEBHOOK_SECRET", BridgeHarness.SECRET,
                    "STRIPE_API_KEY", BridgeHarness.API_KEY,
                    "STRIPE_API_BASE", harness.emulator.baseUrl(),
                    "STRIPE_RATE_LIMIT", "1000",
                    "BRIDGE_HTTP_PORT", String.valueOf(harness.bridgePort),
                    "BRIDGE_HTTP_HOST", "127.0.0.1",
                    "BRIDGE_RECONCILE_INTERVAL", "2s",
                    "BRIDGE_RECONCILE_LOOKBACK", "1h",
                    "BRIDGE_RECONCILE_DELAY", "3s");
            Process first = ChildJvm.start(WebhookBridgeMain.class, env, logs.resolve("first-bridge.log"));
            Process second = null;
            try {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ready(harness.bridgePort));
                AtomicInteger paid = new AtomicInteger();
                CompletableFuture<Void> paying = CompletableFuture.runAsync(() -> payAtRate(harness, sessions, paid));
                // Killed in the middle of the payments, with webhooks in flight.
                await().atMost(Duration.ofSeconds(60)).until(() -> paid.get() >= PAYMENTS / 2 && !completed(harness).isEmpty());
                ChildJvm.kill(first);
                int atCrash = completed(harness).size();
                assertThat(atCrash).as("payments published when the bridge was killed (log: %s)", logs)
                        .isPositive().isLessThan(PAYMENTS);

                second = ChildJvm.start(WebhookBridgeMain.class, env, logs.resolve("second-bridge.log"));
                paying.get();
                Map<String, List<CheckoutCompleted>> completed = await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> completed(harness), byOrder -> byOrder.size() >= PAYMENTS);
                // Stripe stops retrying once every delivery was answered 2xx; by then any second copy is published.
                await().atMost(Duration.ofSeconds(60)).until(() -> harness.emulator.webhookDispatcher().pendingDeliveries() == 0);
                completed = completed(harness);
                String reconciled = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.bridgePort
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(line -> line.startsWith("webhooks_reconciled_total")).findFirst().orElse("none");

                assertThat(completed).as("every paid order's completion").hasSize(PAYMENTS);
                long records = completed.values().stream().mapToLong(List::size).sum();
                long duplicates = records - PAYMENTS;
                System.out.printf("Bridge crash: %d of %d payments published at the kill, %d duplicate records after the"
                        + " restart (%.2f%%, target at most 1%%); the restarted bridge's %s%n", atCrash, PAYMENTS, duplicates,
                        100.0 * duplicates / PAYMENTS, reconciled);
                assertThat(duplicates).as("records published twice (at most 1%%)").isLessThanOrEqualTo(PAYMENTS / 100);
                assertThat(completed.values()).allSatisfy(copies -> assertThat(copies.stream()
                        .map(event -> event.getEventId().toString()).distinct()).as("Stripe events per order").hasSize(1));
            } finally {
                ChildJvm.kill(first);
                if (second != null) {
                    ChildJvm.kill(second);
                }
            }
        }
    }

    private static void payAtRate(BridgeHarness harness, List<Session> sessions, AtomicInteger paid) {
        long start = System.nanoTime();
        for (int i = 0; i < sessions.size(); i++) {
            harness.emulator.complete(sessions.get(i).getId(), PaymentOutcome.success());
            paid.incrementAndGet();
            long wait = start + (long) ((i + 1) * 1e9 / PER_SECOND) - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean ready(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static Map<String, List<CheckoutCompleted>> completed(BridgeHarness harness) {
        return harness.published().stream().filter(CheckoutCompleted.class::isInstance).map(CheckoutCompleted.class::cast)
                .collect(Collectors.groupingBy(event -> event.getOrderId().toString()));
    }
}
