package org.checkoutpipeline.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.stripe.StripeClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.bridge.http.WebhookHandler;
import org.checkoutpipeline.bridge.mapping.EventMapper;
import org.checkoutpipeline.bridge.mapping.SessionReader;
import org.checkoutpipeline.bridge.publish.EventPublisher;
import org.checkoutpipeline.bridge.publish.PublishedEventsTail;
import org.checkoutpipeline.bridge.publish.RecentEventIds;
import org.checkoutpipeline.bridge.reconcile.CheckpointStore;
import org.checkoutpipeline.bridge.reconcile.PublishedEvents;
import org.checkoutpipeline.bridge.reconcile.Reconciler;
import org.checkoutpipeline.bridge.verify.WebhookVerifier;
import org.checkoutpipeline.runtime.AdaptiveRateLimiter;
import org.checkoutpipeline.runtime.Health;
import org.checkoutpipeline.runtime.KafkaGate;
import org.checkoutpipeline.runtime.OpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook bridge: Stripe's signed webhooks in, {@code CheckoutCompleted},
 * {@code CheckoutExpired}, {@code CheckoutAsyncPaymentSucceeded} and
 * {@code CheckoutAsyncPaymentFailed} out on {@code checkout.events}, plus periodic reconciliation
 * with Stripe's event list. Stateless apart from the checkpoint: run as many as the load needs.
 *
 * <pre>{@code
 * try (WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), registry).start()) {
 *     String url = "http://localhost:" + bridge.port() + "/stripe/webhook";
 * }
 * }</pre>
 */
public final class WebhookBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookBridge.class);

    private final WebhookBridgeConfig config;
    private final EventPublisher publisher;
    private final OpsServer server;
    private final Health health = new Health();
    private final Reconciler reconciler;
    private final CheckpointStore checkpoints;
    private final ScheduledExecutorService schedule;
    private volatile String lastReconcileError;
    private final RecentEventIds recent;
    private final Clock clock;
    private volatile PublishedEventsTail tail;
    private final KafkaGate kafka = new KafkaGate("reading what checkout.events holds");

    public WebhookBridge(WebhookBridgeConfig config, Clock clock, PrometheusMeterRegistry metrics) {
        this.config = config;
        this.publisher = new EventPublisher(config.kafka(), config.publishTimeout(), "webhook-bridge", clock, metrics);
        StripeClient stripe = config.readsSessions() ? stripeClient(config) : null;
        EventMapper mapper = stripe == null ? new EventMapper() : new EventMapper(new SessionReader(stripe,
                new AdaptiveRateLimiter(config.stripeRateLimit()), config.sessionReadTimeout(), clock, metrics));
        this.recent = new RecentEventIds(config.recentEventIds());
        this.clock = clock;
        WebhookEvents events = new WebhookEvents(mapper, publisher, recent, metrics);
        WebhookVerifier verifier = new WebhookVerifier(config.webhookSecrets(), config.tolerance(), clock);
        kafka.reportIn(health);
        health.readiness("publishing", () -> publisher.healthy()
                ? Health.Status.up("publishing to checkout.events")
                : Health.Status.down("the last publish to Kafka failed"));
        try {
            this.server = OpsServer.create(config.httpHost(), config.httpPort(), config.httpThreads(), health, metrics)
                    .route(WebhookHandler.PATH, new WebhookHandler(verifier, events, kafka::isOpen, config.maxBodyBytes(),
                            (int) Math.max(1, config.publishTimeout().toSeconds()), metrics));
        } catch (IOException e) {
            publisher.close();
            throw new UncheckedIOException("Cannot listen on port " + config.httpPort(), e);
        }
        if (config.reconciles()) {
            this.checkpoints = new CheckpointStore(config.kafka(), "checkout-events");
            this.reconciler = new Reconciler(stripe, events, checkpoints, new PublishedEvents(config.kafka()),
                    config.reconcileLookBack(), Duration.ofMinutes(1), config.reconcileDelay(), clock, metrics);
            this.schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "webhook-bridge-reconcile");
                thread.setDaemon(true);
                return thread;
            });
            health.liveness("reconciliation", () -> lastReconcileError == null
                    ? Health.Status.up("every " + config.reconcileInterval())
                    : Health.Status.up("last run failed, will retry: " + lastReconcileError));
        } else {
            Reconciler.reconciledCounter(metrics);
            this.checkpoints = null;
            this.reconciler = null;
            this.schedule = null;
        }
    }

    /** Reconciliation's list calls retry on their own; session reads set their own retries per request. */
    private static StripeClient stripeClient(WebhookBridgeConfig config) {
        StripeClient.StripeClientBuilder stripe = StripeClient.builder().setApiKey(config.stripeApiKey()).setMaxNetworkRetries(2);
        if (config.stripeApiBase() != null) {
            stripe.setApiBase(config.stripeApiBase().toString());
        }
        return stripe.build();
    }

    public WebhookBridge start() {
        return start(admin -> { });
    }

    /**
     * Opens the port, then waits (reporting not ready, answering webhooks 503) until Kafka answers:
     * {@code prepare} runs with an admin client (the service creates its topics there), then the
     * ids already published are read; only then are webhooks published and reconciliation run.
     */
    public WebhookBridge start(java.util.function.Consumer<org.apache.kafka.clients.admin.Admin> prepare) {
        log.info("{}", config.describe());
        server.start();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(config.kafka().clientConfig(java.util.Map.of()))) {
            kafka.await(() -> {
                prepare.accept(admin);
                if (!config.dedupeWindow().isZero() && tail == null) {
                    // What other instances and the previous run published, before publishing anything.
                    tail = new PublishedEventsTail(config.kafka(), recent).start(config.dedupeWindow(), clock);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
        if (schedule != null) {
            long interval = config.reconcileInterval().toMillis();
            schedule.scheduleWithFixedDelay(this::reconcileQuietly, 0, interval, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Runs one reconciliation pass now; returns how many events it published. */
    public int reconcileNow() throws Exception {
        if (reconciler == null) {
            throw new IllegalStateException("Reconciliation is off: it needs STRIPE_API_KEY and a non-zero interval");
        }
        return reconciler.reconcile();
    }

    public int port() {
        return server.port();
    }

    /** The address the webhook endpoint listens on. */
    public InetSocketAddress address() {
        return server.address();
    }

    public Health health() {
        return health;
    }

    /** Stops accepting webhooks, lets requests in flight finish, then closes the Kafka producer. */
    @Override
    public void close() {
        kafka.cancel();
        if (schedule != null) {
            schedule.shutdownNow();
        }
        server.stop((int) config.shutdownGrace().toSeconds());
        if (tail != null) {
            tail.close();
        }
        publisher.close();
        if (checkpoints != null) {
            checkpoints.close();
        }
    }

    private void reconcileQuietly() {
        try {
            reconciler.reconcile();
            lastReconcileError = null;
        } catch (Exception e) {
            lastReconcileError = e.toString();
            log.warn("Reconciliation failed; next attempt in {}: {}", config.reconcileInterval(), e.toString());
        }
    }
}
