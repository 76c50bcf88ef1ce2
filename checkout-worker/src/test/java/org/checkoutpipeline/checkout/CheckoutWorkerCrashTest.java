package org.checkoutpipeline.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.stripe.model.checkout.Session;
import org.checkoutpipeline.embeddedkafka.junit.ChildJvm;
import org.checkoutpipeline.events.CheckoutCreated;
import org.junit.jupiter.api.Test;

/**
 * One of two checkout workers, in its own JVM, killed with SIGKILL while orders stream in: the other
 * takes over its partitions, and every order has exactly one Checkout Session and exactly one
 * {@code CheckoutCreated} visible to {@code read_committed} consumers, none missing.
 */
class CheckoutWorkerCrashTest {

    private static final int ORDERS = 1_500;
    private static final int PER_SECOND = 150;

    @Test
    void aWorkerKilledMidStreamLeavesExactlyOneSessionAndOneCheckoutCreatedPerOrder() throws Exception {
        Path logs = Path.of("target", "crash-logs");
        try (CheckoutHarness harness = new CheckoutHarness()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", harness.broker.bootstrapServers(),
                    "STRIPE_API_KEY", CheckoutHarness.API_KEY,
                    "STRIPE_API_BASE", harness.emulator.baseUrl(),
                    "STRIPE_RATE_LIMIT", "10000",
                    "CHECKOUT_TRANSACTIONAL_ID", "checkout-crash-victim",
                    "CHECKOUT_COMMIT_INTERVAL", "50ms",
                    "CHECKOUT_HTTP_PORT", "0"));
            Process victim = ChildJvm.start(CheckoutWorkerMain.class, env, logs.resolve("victim.log"));
            CompletableFuture<Void> publishing;
            try {
                harness.startWorker(config -> config.transactionalId("checkout-crash-survivor"));
                String prefix = "crash-" + Orders.newOrderId();
                AtomicInteger published = new AtomicInteger();
                publishing = CompletableFuture.runAsync(() -> publishAtRate(harness, prefix, published));
                // Killed once sessions are being created, in the middle of the orders.
                await().atMost(Duration.ofSeconds(90)).until(() -> published.get() >= ORDERS / 2 && !created(harness).isEmpty());
                assertThat(victim.isAlive()).as("the worker to kill is running (log: %s)", logs.resolve("victim.log")).isTrue();
            } finally {
                ChildJvm.kill(victim);
            }
            int atCrash = created(harness).size();
            publishing.get();
            System.out.printf("Checkout worker crash: %d of %d orders had their CheckoutCreated at the kill%n", atCrash, ORDERS);

            Map<String, List<CheckoutCreated>> created = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> created(harness), byOrder -> byOrder.size() >= ORDERS);
            assertThat(atCrash).as("sessions created when the worker was killed").isLessThan(ORDERS);
            assertThat(created).hasSize(ORDERS);
            assertThat(created.values()).as("CheckoutCreated per order").allSatisfy(events -> assertThat(events).hasSize(1));
            Map<String, List<Session>> sessions = harness.sessionsByOrder();
            assertThat(sessions).as("one session per order in Stripe").hasSize(ORDERS)
                    .allSatisfy((orderId, list) -> assertThat(list).hasSize(1));
            created.forEach((orderId, events) -> assertThat(events.get(0).getCheckoutSessionId())
                    .isEqualTo(sessions.get(orderId).get(0).getId()));
        }
    }

    private static void publishAtRate(CheckoutHarness harness, String prefix, AtomicInteger published) {
        long start = System.nanoTime();
        for (int i = 0; i < ORDERS; i++) {
            harness.publish(Orders.payment(prefix + "-" + i).build());
            published.incrementAndGet();
            long due = start + (long) ((i + 1) * 1e9 / PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Map<String, List<CheckoutCreated>> created(CheckoutHarness harness) {
        return harness.checkoutEvents().stream().filter(CheckoutCreated.class::isInstance).map(CheckoutCreated.class::cast)
                .collect(Collectors.groupingBy(event -> event.getOrderId().toString()));
    }
}
