package org.checkoutpipeline.checkout;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.stripe.StripeClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.checkout.processing.CheckoutLoop;
import org.checkoutpipeline.checkout.stripe.SessionRequests;
import org.checkoutpipeline.checkout.stripe.StripeCheckout;
import org.checkoutpipeline.runtime.AdaptiveRateLimiter;
import org.checkoutpipeline.runtime.Health;
import org.checkoutpipeline.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout worker: consumes {@code orders.placed}, creates one Stripe Checkout Session per
 * order, and publishes {@code CheckoutCreated} or {@code CheckoutFailed} to
 * {@code checkout.events}, exactly once per order record.
 *
 * <pre>{@code
 * CheckoutWorker worker = new CheckoutWorker(config, Clock.systemUTC(), registry).start();
 * ...
 * worker.close(); // finishes Stripe calls in flight, commits their results
 * }</pre>
 */
public final class CheckoutWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckoutWorker.class);
    /** How long a crashed instance's open transaction may hold back its partitions' readers. */
    static final int TRANSACTION_TIMEOUT_MS = 5_000;

    /** A poll loop silent for this long is stuck. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final CheckoutWorkerConfig config;
    private final Clock clock;
    private final CheckoutLoop loop;
    private final Thread thread;
    private final Health health = new Health();
    private volatile boolean started;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;

    /**
     * The consumer's settings. Failover: a crashed instance's partitions move after
     * {@code sessionTimeout} (heartbeats every third of it), and cooperative assignment moves only
     * those, so the other instances keep working through the rebalance; with an instance id a
     * restarted instance rejoins as itself, without a rebalance.
     */
    static Map<String, Object> consumerSettings(CheckoutWorkerConfig config) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, config.maxBufferedRecords()),
                ConsumerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-consumer",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.sessionTimeout().toMillis() / 3),
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName()));
        if (config.instanceId() != null) {
            settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        return settings;
    }

    public CheckoutWorker(CheckoutWorkerConfig config, Clock clock, MeterRegistry metrics) {
        this.config = config;
        this.clock = clock;
        allowKeepAliveForEveryConcurrentCall(config.concurrency());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config.kafka().clientConfig(consumerSettings(config)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config.kafka().clientConfig(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-producer",
                // A transaction is open only from the first send of a commit to its end (milliseconds); if
                // the instance dies in it, read_committed consumers of its partitions wait this long.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS)),
                new ByteArraySerializer(), new ByteArraySerializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(metrics);
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(metrics);

        StripeClient.StripeClientBuilder stripeClient = StripeClient.builder()
                .setApiKey(config.stripeApiKey())
                .setMaxNetworkRetries(0)
                .setConnectTimeout((int) Math.min(config.stripeTimeout().toMillis(), 10_000))
                .setReadTimeout((int) config.stripeTimeout().toMillis());
        if (config.stripeApiBase() != null) {
            stripeClient.setApiBase(config.stripeApiBase().toString());
        }
        StripeCheckout stripe = new StripeCheckout(stripeClient.build(), new SessionRequests(clock),
                new AdaptiveRateLimiter(config.rateLimitPerSecond()), config.retryBudget(), config.firstBackoff(), clock,
                duration -> Thread.sleep(duration.toMillis()), metrics);
        this.loop = new CheckoutLoop(consumer, producer, stripe, Topics.ORDERS_PLACED.name(), config.concurrency(),
                config.maxBufferedRecords(), config.commitInterval(), Duration.ofSeconds(30), clock, metrics);
        this.thread = new Thread(loop, "checkout-worker");
        health.liveness("checkout-loop", this::liveness);
        health.readiness("running", () -> thread.isAlive()
                ? Health.Status.up("consuming " + Topics.ORDERS_PLACED.name())
                : Health.Status.down("the worker is not running"));
    }

    public CheckoutWorker start() {
        log.info("{}", config.describe());
        started = true;
        thread.start();
        return this;
    }

    /** Liveness and readiness, for {@code /healthz} and {@code /readyz}. */
    public Health health() {
        return health;
    }

    /** Why the worker stopped processing for good (e.g. Stripe refused the API key), or null. */
    public String fatalError() {
        return loop.fatal();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Finishes Stripe calls in flight, commits their results, closes the Kafka clients. */
    @Override
    public void close() {
        loop.stop();
        join();
    }

    /** Stops at once without committing pending results, as a crash would; for tests of recovery. */
    public void abandon() {
        loop.abandon();
        join();
    }

    private void join() {
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        producerMetrics.close();
    }

    private Health.Status liveness() {
        if (!started) {
            return Health.Status.up("not started yet (waiting for Kafka)");
        }
        String fatal = loop.fatal();
        if (fatal != null) {
            return Health.Status.down(fatal);
        }
        long silent = clock.millis() - loop.lastPollMillis();
        return silent > STALL.toMillis()
                ? Health.Status.down("no poll for " + silent + " ms")
                : Health.Status.up(loop.bufferedRecords() + " records in progress");
    }

    /**
     * stripe-java calls through {@code HttpURLConnection}, whose keep-alive cache holds 5 idle
     * connections per host by default: with more calls in flight every extra call would open a new
     * connection. Raised (for the whole JVM, and only if nobody chose a value) to the concurrency.
     */
    private static void allowKeepAliveForEveryConcurrentCall(int concurrency) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, concurrency)));
        }
    }
}
