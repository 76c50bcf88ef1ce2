package org.checkoutpipeline.fulfillment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.status.OrderStatusHandler;
import org.checkoutpipeline.fulfillment.status.StreamsOrderLookup;
import org.checkoutpipeline.fulfillment.topology.FulfillmentMetrics;
import org.checkoutpipeline.fulfillment.topology.FulfillmentTopology;
import org.checkoutpipeline.runtime.BearerAuth;
import org.checkoutpipeline.runtime.Health;
import org.checkoutpipeline.runtime.KafkaGate;
import org.checkoutpipeline.runtime.Metrics;
import org.checkoutpipeline.runtime.OpsServer;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fulfillment worker: the Kafka Streams application and its HTTP server (status API,
 * {@code /healthz}, {@code /readyz}, {@code /metrics}), to run standalone ({@link FulfillmentWorkerMain})
 * or inside another process.
 *
 * <pre>{@code
 * FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(Map.of(
 *         "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "FULFILLMENT_HTTP_PORT", "0")));
 * try (FulfillmentWorker worker = new FulfillmentWorker(config).start()) {
 *     URI status = URI.create("http://localhost:" + worker.httpPort() + "/orders/" + orderId);
 * }
 * }</pre>
 */
public final class FulfillmentWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FulfillmentWorker.class);
    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(30);

    private final FulfillmentConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry;
    private final OrderDecider decider;
    private final Topology topology;
    private final java.util.concurrent.atomic.AtomicInteger ordersPlacedPartitions = new java.util.concurrent.atomic.AtomicInteger();
    private OpsServer http;
    /** Volatile: health checks read it while start() waits for Kafka holding this worker's lock. */
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile boolean closing;
    /** Waited on by start() until Kafka answers; close() cancels it without the worker's lock. */
    private final KafkaGate kafka;

    public FulfillmentWorker(FulfillmentConfig config) {
        this(config, Clock.systemUTC(), Metrics.prometheus("fulfillment-worker"));
    }

    /** A worker that reads the time from {@code clock} and records its metrics into {@code registry}. */
    public FulfillmentWorker(FulfillmentConfig config, Clock clock, PrometheusMeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.decider = new OrderDecider(config.rules());
        this.kafka = new KafkaGate(config.createTopics() ? "creating the topics" : "describing the topics");
        this.topology = FulfillmentTopology.build(config.topics(), decider, config.checkInterval(), clock,
                new FulfillmentMetrics(registry), ordersPlacedPartitions::get);
    }

    /**
     * Creates missing topics (if configured), binds the HTTP server and starts Kafka Streams; returns
     * once both are started, before the first rebalance completes (see {@code /readyz}).
     */
    public synchronized FulfillmentWorker start() {
        if (streams != null) {
            throw new IllegalStateException("Fulfillment worker is already started");
        }
        // The port first: until Kafka answers, /readyz says so, and the worker waits instead of exiting.
        KafkaGate kafka = this.kafka;
        Health health = new Health()
                .liveness("kafka-streams", this::liveness)
                .readiness("kafka-streams", this::readiness);
        kafka.reportIn(health);
        try {
            http = OpsServer.create(config.httpHost(), config.httpPort(), config.httpThreads(), health, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the HTTP server to " + config.httpHost() + ":" + config.httpPort(), e);
        }
        http.start();
        try (Admin admin = Admin.create(config.kafka().clientConfig(Map.of()))) {
            kafka.await(() -> {
                if (config.createTopics()) {
                    new TopicCreator(admin, TOPIC_CREATION_TIMEOUT).create(config.topics().specs(), 0, (short) 1);
                }
                ordersPlacedPartitions.set(partitionsOf(admin, config.topics().ordersPlaced()));
            });
        } catch (InterruptedException e) {
            if (!closing) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Stopped while waiting for Kafka", e);
        }
        HostInfo self = new HostInfo(config.advertisedHost(), http.port());
        try {
            streams = new KafkaStreams(topology, streamsProperties(config, self));
            streams.setUncaughtExceptionHandler(exception -> {
                log.error("Stream thread failed; replacing it (uncommitted work is redone, exactly once)", exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpHandler status = new OrderStatusHandler(new StreamsOrderLookup(streams, self), decider, clock, client,
                    Duration.ofSeconds(5));
            FulfillmentConfig.StatusAccess access = config.statusAccess();
            if (access.open()) {
                BearerAuth.refusals(registry, REFUSED_METRIC);
                http.route(OrderStatusHandler.PATH, status);
            } else {
                http.route(OrderStatusHandler.PATH, BearerAuth.of("order-status", access.tokens(), registry, REFUSED_METRIC)
                        .protect(status));
            }
            streams.start();
        } catch (RuntimeException e) {
            close(Duration.ZERO);
            throw e;
        }
        log.info("Fulfillment worker {} started: status API at http://{}:{}{}{{orderId}}, {}", config.applicationId(),
                self.host(), self.port(), OrderStatusHandler.PATH, config.statusAccess());
        return this;
    }

    /** The HTTP server's port (useful when configured as 0). */
    public synchronized int httpPort() {
        if (http == null) {
            throw new IllegalStateException("Fulfillment worker is not started");
        }
        return http.port();
    }

    /** The address the HTTP server listens on. */
    public synchronized InetSocketAddress httpAddress() {
        if (http == null) {
            throw new IllegalStateException("Fulfillment worker is not started");
        }
        return http.address();
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    public FulfillmentConfig config() {
        return config;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops taking requests, commits and closes Kafka Streams (waiting up to 30 s), then the HTTP server. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        closing = true;
        kafka.cancel();   // a start() still waiting for Kafka returns, and gives up the lock
        closeNow(timeout);
    }

    private synchronized void closeNow(Duration timeout) {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (streams != null) {
            streams.close(timeout);
        }
        if (http != null) {
            http.stop(0);
        }
    }

    /**
     * How the worker's records (status snapshots, decisions, changelog) are compressed unless
     * {@code KAFKA_CLIENT_COMPRESSION_TYPE} says otherwise. A status snapshot repeats the order's ids
     * in its timeline, so lz4 shrinks what the worker writes about sevenfold; in the benchmark the
     * broker's and the producer's share of the CPU fell by a third.
     */
    public static final String DEFAULT_COMPRESSION_TYPE = "lz4";

    private static final String REFUSED_METRIC = "fulfillment_status_requests_refused";

    /** The transaction timeout: at least 50 commit intervals of 100 ms, short enough for failover. */
    static final int TRANSACTION_TIMEOUT_MS = 5_000;

    /** The stream thread's longest wait in poll. */
    static final long POLL_MS = 5;

    /** The Kafka Streams settings of a worker with {@code config} whose status API is reachable at {@code self}. */
    static Properties streamsProperties(FulfillmentConfig config, HostInfo self) {
        Map<String, Object> own = new HashMap<>();
        own.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        own.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        own.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        own.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        own.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        own.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        own.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.cacheMaxBytes());
        own.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Kafka's default, stated because it matters: a task whose other input partition is known to
        // hold unfetched records waits for them, so both inputs are processed in timestamp order and
        // an order's events meet in the same commit, where the state store cache writes them once.
        // Processing whatever partition has data (-1) doubled the changelog writes on a backlog.
        own.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // Failover: a crashed instance's tasks move after the session timeout (heartbeats every quarter
        // of it), to an instance that has kept a standby copy of their state.
        FulfillmentConfig.Failover failover = config.failover();
        own.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) failover.sessionTimeout().toMillis());
        own.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(500, failover.sessionTimeout().toMillis() / 4));
        own.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, failover.standbyReplicas());
        // Under exactly_once_v2 a transaction is always open (it commits every commit interval); a crashed
        // instance's holds back readers of its output partitions until it times out (Streams' default 10 s).
        own.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        // Latency: the thread waits in poll at most this long before it checks whether the commit is due,
        // so a result is visible within about the commit interval, not the commit interval plus 100 ms.
        own.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);

        if (failover.instanceId() != null) {
            own.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), failover.instanceId());
        }
        Properties properties = new Properties();
        properties.putAll(config.kafka().clientConfig(own));
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION_TYPE);
        return properties;
    }

    /** The topic's partition count; a failure to read it fails the start-up attempt, which the gate retries. */
    private static int partitionsOf(Admin admin, String topic) {
        try {
            return admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(TOPIC_CREATION_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing " + topic, e);
        }
    }

    private Health.Status liveness() {
        KafkaStreams.State state = state();
        if (state == KafkaStreams.State.ERROR || (state == KafkaStreams.State.NOT_RUNNING && !closing)) {
            return Health.Status.down("Kafka Streams is " + state);
        }
        return Health.Status.up("Kafka Streams is " + state);
    }

    private Health.Status readiness() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING ? Health.Status.up("Kafka Streams is RUNNING")
                : Health.Status.down("Kafka Streams is " + state + ", not RUNNING");
    }
}
