package org.checkoutpipeline.allinone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.checkoutpipeline.bridge.WebhookBridge;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.bridge.mapping.EventMapper;
import org.checkoutpipeline.checkout.CheckoutWorker;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.fulfillment.FulfillmentWorker;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.runtime.Metrics;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;

/**
 * The whole pipeline in one process: a Kafka broker (unless an external one is configured), the
 * Stripe emulator (unless real Stripe is), the webhook bridge registered as the emulator's webhook
 * endpoint, the checkout worker and the fulfillment worker. {@link #close()} stops them in reverse.
 *
 * <pre>{@code
 * try (Pipeline pipeline = Pipeline.start(config)) {
 *     OrderPublisher orders = OrderPublisher.create(pipeline.kafka());
 *     URI status = pipeline.statusUrl(orderId);
 * }
 * }</pre>
 */
public final class Pipeline implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * How long the bridge may take to read a session back: not its own 3 s, because here the emulator shares
     * the cores with everything else and in the demo's burst of payments its answers queue for seconds.
     * Under the emulator's 10 s webhook timeout, so a slow read still answers before the delivery is retried.
     */
    static final Duration SESSION_READ_TIMEOUT = Duration.ofSeconds(8);

    private final PipelineConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private KafkaSettings kafka;
    private StripeEmulator emulator;
    private final PrometheusMeterRegistry checkoutMetrics = Metrics.prometheus("checkout-worker");
    private WebhookBridge bridge;
    private FulfillmentWorker fulfillment;
    private String stripeApiBase;

    private Pipeline(PipelineConfig config) {
        this.config = config;
    }

    /** Starts everything and returns once the fulfillment worker is running. */
    public static Pipeline start(PipelineConfig config) {
        Pipeline pipeline = new Pipeline(config);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() {
        // Read first, so that a missing status token stops the start before anything listens.
        FulfillmentConfig fulfillmentSettings = fulfillmentConfig();
        if (config.embeddedKafka()) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(config.kafkaPort())
                    .brokerProperty("num.partitions", String.valueOf(config.partitions()))
                    .build().start();
            started.push(broker);
            kafka = new KafkaSettings(broker.bootstrapServers(), config.kafkaClientSettings());
        } else {
            kafka = new KafkaSettings(config.kafkaBootstrapServers(), config.kafkaClientSettings());
        }
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
            TopicCreator topics = new TopicCreator(admin, Duration.ofSeconds(60));
            if (config.embeddedKafka()) {
                topics.create(Topics.all(), config.partitions(), (short) 1);
            } else {
                topics.createAll();
            }
        }

        // The emulator first, so the bridge can read sessions back from it; then the bridge, then its endpoint.
        if (config.embeddedEmulator()) {
            emulator = StripeEmulator.builder().host(config.bindAddress()).port(config.emulatorPort()).build().start();
            started.push(emulator);
            stripeApiBase = emulator.baseUrl();
        } else {
            stripeApiBase = config.stripeApiBase() == null ? null : config.stripeApiBase().toString();
        }

        bridge = new WebhookBridge(bridgeConfig(), Clock.systemUTC(), Metrics.prometheus("webhook-bridge")).start();
        started.push(bridge);
        if (emulator != null) {
            // The four Checkout event types the bridge publishes, as a production endpoint subscribes.
            emulator.webhooks().register(webhookUrl(), config.webhookSecret(), EventMapper.HANDLED_TYPES);
        }

        // The pipeline's own choices first; then whatever CHECKOUT_* variable is set, as the worker alone reads it.
        Env env = Env.system();
        CheckoutWorkerConfig.Builder checkoutBuilder = CheckoutWorkerConfig.builder(kafka, config.stripeApiKey(),
                        stripeApiBase == null ? null : URI.create(stripeApiBase))
                .transactionalId("checkout-worker-all-in-one")
                .rateLimitPerSecond(config.stripeRateLimit())
                .commitInterval(Duration.ofMillis(50));
        CheckoutWorkerConfig.withEnv(checkoutBuilder, env);
        env.validate();
        // The --stripe-rate-limit flag (whose default is STRIPE_RATE_LIMIT) has the last word.
        CheckoutWorkerConfig checkout = checkoutBuilder.rateLimitPerSecond(config.stripeRateLimit()).build();
        CheckoutWorker worker = new CheckoutWorker(checkout, Clock.systemUTC(), checkoutMetrics).start();
        started.push(worker);

        Path stateDir = temporaryDirectory();
        started.push(() -> deleteRecursively(stateDir));
        fulfillment = new FulfillmentWorker(fulfillmentSettings.withKafka(kafka).withStateDir(stateDir)).start();
        started.push(fulfillment);
        awaitRunning();
    }

    private WebhookBridgeConfig bridgeConfig() {
        WebhookBridgeConfig.Builder builder = WebhookBridgeConfig.builder(kafka, List.of(config.webhookSecret()))
                .httpPort(config.bridgePort())
                .shutdownGrace(Duration.ofSeconds(1))
                .stripe(config.stripeApiKey(), stripeApiBase == null ? null : URI.create(stripeApiBase))
                .sessionReads(SESSION_READ_TIMEOUT, config.stripeRateLimit());
        if (!config.embeddedEmulator()) {
            builder.reconciliation(config.stripeApiKey(), config.stripeApiBase(), Duration.ofMinutes(5), Duration.ofDays(1));
        }
        // Then whatever BRIDGE_* variable is set, as the bridge alone reads it.
        Env env = Env.system();
        WebhookBridgeConfig.withEnv(builder, env);
        env.validate();
        // The --bind, --bridge-port and --stripe-rate-limit flags have the last word.
        return builder.httpHost(config.bindAddress()).httpPort(config.bridgePort())
                .sessionReads(builder.build().sessionReadTimeout(), config.stripeRateLimit()).build();
    }

    /**
     * The worker's settings: every {@code FULFILLMENT_*} variable of this process, as the worker alone
     * reads them, with the pipeline's own choices over them; durations in ISO-8601, which keeps them exact.
     * Listening on loopback only, the status API needs no token unless {@code FULFILLMENT_STATUS_TOKEN} sets one;
     * on any other address it needs one, or {@code FULFILLMENT_STATUS_TRUSTED_NETWORK=true}, as the worker alone does.
     */
    private FulfillmentConfig fulfillmentConfig() {
        Map<String, String> variables = new java.util.HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("FULFILLMENT_")) {
                variables.put(name, value);
            }
        });
        variables.put("FULFILLMENT_HTTP_HOST", config.bindAddress());
        variables.put("FULFILLMENT_HTTP_PORT", String.valueOf(config.statusPort()));
        if (config.loopbackOnly() && !variables.containsKey(FulfillmentConfig.TOKEN_VARIABLE)) {
            variables.put(FulfillmentConfig.TRUSTED_NETWORK_VARIABLE, "true");
        }
        variables.put("FULFILLMENT_CANCELLATION_SETTLEMENT", config.cancellationSettlement().toString());
        variables.put("FULFILLMENT_CHECK_INTERVAL", config.checkInterval().toString());
        variables.put("FULFILLMENT_CREATE_TOPICS", "false");
        return FulfillmentConfig.fromEnv(new Env(variables));
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (fulfillment.state() != KafkaStreams.State.RUNNING) {
            if (fulfillment.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("The fulfillment worker is " + fulfillment.state() + " after "
                        + READY_TIMEOUT + " instead of RUNNING");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting", e);
            }
        }
    }

    public PipelineConfig config() {
        return config;
    }

    /** How clients reach this pipeline's Kafka. */
    public KafkaSettings kafka() {
        return kafka;
    }

    /** The embedded Stripe emulator, or null when the pipeline uses an external Stripe. */
    public StripeEmulator emulator() {
        return emulator;
    }

    /** The Stripe API base the checkout worker calls, or null for real Stripe. */
    public String stripeApiBase() {
        return stripeApiBase;
    }

    /** The checkout worker's metrics, which a standalone worker serves at {@code /metrics}. */
    public PrometheusMeterRegistry checkoutWorkerMetrics() {
        return checkoutMetrics;
    }

    public WebhookBridge bridge() {
        return bridge;
    }

    public FulfillmentWorker fulfillment() {
        return fulfillment;
    }

    public String webhookUrl() {
        return "http://" + config.clientHost() + ":" + bridge.port() + "/stripe/webhook";
    }

    public int statusPort() {
        return fulfillment.httpPort();
    }

    /** The fulfillment worker's status API for one order. */
    public URI statusUrl(String orderId) {
        return URI.create(statusUrlPrefix() + orderId);
    }

    /** The status API's URL up to the order id, e.g. {@code http://localhost:8084/orders/}. */
    public String statusUrlPrefix() {
        return "http://" + config.clientHost() + ":" + statusPort() + "/orders/";
    }

    /** A request for one order's status, with the status API's bearer token when it needs one. */
    public HttpRequest.Builder statusRequest(String orderId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(statusUrl(orderId));
        List<String> tokens = fulfillment.config().statusAccess().tokens();
        if (!tokens.isEmpty()) {
            request.header("Authorization", "Bearer " + tokens.get(0));
        }
        return request;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the pipeline failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("checkout-pipeline-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the fulfillment worker's state directory", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
