package org.checkoutpipeline.fulfillment.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.runtime.BearerAuth;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;

/**
 * The fulfillment worker's settings, read from environment variables by {@link #fromEnv(Env)}
 * (see the module README for the table).
 *
 * @param kafka                  how to reach Kafka ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_*})
 * @param applicationId          the Kafka Streams application id: consumer group, state and internal topic prefix
 * @param topics                 the topics read and written
 * @param httpHost               the address the status API and operations endpoints bind to
 * @param httpPort               their port; 0 picks a free one
 * @param advertisedHost         the host name other instances use to reach this one's status API
 * @param httpThreads            HTTP worker threads
 * @param stateDir               where Kafka Streams keeps its local state
 * @param streamThreads          Kafka Streams threads
 * @param orderWaitTimeout       how long checkout events wait for their order before it is reported missing
 * @param expiryGrace            how long past {@code expires_at} a session may stay open without its expiry event
 * @param cancellationSettlement how long an expiry or checkout failure waits for an overtaken completion
 * @param checkInterval          how often the time-based rules are evaluated
 * @param commitInterval         how often Kafka Streams commits its transaction (output becomes visible)
 * @param cacheMaxBytes          Kafka Streams record cache for the state store, across all threads
 * @param createTopics           whether to create missing topics at start-up
 * @param failover               how fast another instance takes over a crashed one's work
 * @param statusAccess           who may ask the status API for an order
 */
public record FulfillmentConfig(
        KafkaSettings kafka,
        String applicationId,
        FulfillmentTopics topics,
        String httpHost,
        int httpPort,
        String advertisedHost,
        int httpThreads,
        Path stateDir,
        int streamThreads,
        Duration orderWaitTimeout,
        Duration expiryGrace,
        Duration cancellationSettlement,
        Duration checkInterval,
        Duration commitInterval,
        long cacheMaxBytes,
        boolean createTopics,
        Failover failover,
        StatusAccess statusAccess) {

    /**
     * What failover after a crash depends on.
     *
     * @param sessionTimeout  how long the group waits for a silent instance before its tasks move (broker minimum 6 s)
     * @param standbyReplicas warm copies of each task's state on other instances, so a moved task need not
     *                        restore its state from the changelog first (with one instance there is none)
     * @param instanceId      static group membership ({@code group.instance.id}): a restarted instance takes
     *                        its tasks back without a rebalance; null for dynamic membership
     */
    public record Failover(Duration sessionTimeout, int standbyReplicas, String instanceId) {
        public static final Failover DEFAULT = new Failover(Duration.ofSeconds(6), 1, null);

        public Failover {
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            if (standbyReplicas < 0) {
                throw new IllegalArgumentException("standbyReplicas may not be negative. Got: " + standbyReplicas);
            }
        }
    }

    /**
     * Who may read {@code GET /orders/{id}}, which answers customers' data (email, amounts, addresses).
     * The operations endpoints ({@code /healthz}, {@code /readyz}, {@code /metrics}) hold none and stay open.
     *
     * @param tokens the bearer tokens accepted (several while one is rotated); empty only when the
     *               operator has declared the network trusted, so that anyone who reaches the port may ask
     */
    public record StatusAccess(List<String> tokens) {
        public static final StatusAccess TRUSTED_NETWORK = new StatusAccess(List.of());

        public StatusAccess {
            tokens = List.copyOf(tokens);
        }

        public boolean open() {
            return tokens.isEmpty();
        }

        /** Reads {@code FULFILLMENT_STATUS_TOKEN} and {@code FULFILLMENT_STATUS_TRUSTED_NETWORK}, recording problems in {@code env}. */
        static StatusAccess fromEnv(Env env, int httpPort) {
            List<String> tokens = env.list(TOKEN_VARIABLE, List.of());
            boolean trusted = env.bool(TRUSTED_NETWORK_VARIABLE, false);
            tokens.forEach(token -> {
                String weakness = BearerAuth.weakness(token);
                if (weakness != null) {
                    env.problem(TOKEN_VARIABLE + " entries " + weakness);
                }
            });
            if (tokens.isEmpty() && !trusted) {
                env.problem(TOKEN_VARIABLE + " is not set: the status API (GET /orders/{id}, port " + httpPort + ") answers"
                        + " customers' data to whoever reaches it. Set one or more tokens (comma-separated) that clients"
                        + " send as 'Authorization: Bearer <token>', or " + TRUSTED_NETWORK_VARIABLE + "=true if only"
                        + " trusted clients can reach the port.");
            }
            return tokens.isEmpty() ? TRUSTED_NETWORK : new StatusAccess(tokens);
        }

        @Override
        public String toString() {
            return open() ? "trusted network (no token)" : tokens.size() + " bearer token(s)";
        }
    }

    public static final String TOKEN_VARIABLE = "FULFILLMENT_STATUS_TOKEN";
    public static final String TRUSTED_NETWORK_VARIABLE = "FULFILLMENT_STATUS_TRUSTED_NETWORK";

    public static final String DEFAULT_APPLICATION_ID = "fulfillment-worker";
    public static final int DEFAULT_HTTP_PORT = 8084;
    /**
     * The state store cache, larger than Kafka Streams' 10 MB: each order's state is about a
     * kilobyte, and while a backlog is replayed the cache must hold the orders whose events are
     * still arriving, or it evicts them early and writes each order to the changelog once per event
     * (3.1 changelog records per order instead of 1.0 in the benchmark).
     */
    public static final int DEFAULT_CACHE_MB = 64;
    /** Well under the worker's 5 s transaction timeout. */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(2);

    public FulfillmentConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(statusAccess, "statusAccess");
        requireText("applicationId", applicationId);
        requireText("httpHost", httpHost);
        requireText("advertisedHost", advertisedHost);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be from 0 to 65535. Got: " + httpPort);
        }
        if (streamThreads < 1 || httpThreads < 1) {
            throw new IllegalArgumentException("streamThreads and httpThreads must be at least 1. Got: "
                    + streamThreads + " and " + httpThreads);
        }
        if (checkInterval.isZero() || checkInterval.isNegative() || commitInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must be positive and commitInterval not negative. Got: "
                    + checkInterval + " and " + commitInterval);
        }
        rules(orderWaitTimeout, expiryGrace, cancellationSettlement);
    }

    /**
     * Reads every setting, reporting all bad ones at once.
     *
     * @throws org.checkoutpipeline.runtime.ConfigException naming each bad variable and its value
     */
    public static FulfillmentConfig fromEnv(Env env) {
        KafkaSettings kafka = KafkaSettings.fromEnv(env);
        String applicationId = env.string("FULFILLMENT_APPLICATION_ID", DEFAULT_APPLICATION_ID);
        String httpHost = env.string("FULFILLMENT_HTTP_HOST", "0.0.0.0");
        int httpPort = env.integer("FULFILLMENT_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535);
        String advertisedHost = env.string("FULFILLMENT_ADVERTISED_HOST", "localhost");
        int httpThreads = env.integer("FULFILLMENT_HTTP_THREADS", 8, 1, 256);
        Path stateDir = Path.of(env.string("FULFILLMENT_STATE_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "fulfillment-worker").toString()));
        int streamThreads = env.integer("FULFILLMENT_NUM_STREAM_THREADS", 1, 1, 64);
        Duration orderWaitTimeout = positive(env, "FULFILLMENT_ORDER_WAIT_TIMEOUT", Duration.ofHours(1));
        Duration expiryGrace = positive(env, "FULFILLMENT_EXPIRY_GRACE", Duration.ofMinutes(15));
        Duration settlement = notNegative(env, "FULFILLMENT_CANCELLATION_SETTLEMENT", Duration.ofMinutes(2));
        Duration checkInterval = positive(env, "FULFILLMENT_CHECK_INTERVAL", Duration.ofSeconds(10));
        Duration commitInterval = notNegative(env, "FULFILLMENT_COMMIT_INTERVAL", Duration.ofMillis(100));
        if (commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            env.problem("FULFILLMENT_COMMIT_INTERVAL must be at most " + MAX_COMMIT_INTERVAL + ": a transaction stays open"
                    + " that long, and the worker's transactions time out after 5s. Got: " + commitInterval);
        }
        int cacheMegabytes = env.integer("FULFILLMENT_CACHE_MB", DEFAULT_CACHE_MB, 0, 4096);
        boolean createTopics = env.bool("FULFILLMENT_CREATE_TOPICS", true);
        Failover failover = new Failover(positive(env, "FULFILLMENT_SESSION_TIMEOUT", Failover.DEFAULT.sessionTimeout()),
                env.integer("FULFILLMENT_STANDBY_REPLICAS", Failover.DEFAULT.standbyReplicas(), 0, 8),
                env.string("FULFILLMENT_INSTANCE_ID", null));
        StatusAccess statusAccess = StatusAccess.fromEnv(env, httpPort);
        if (applicationId.isBlank() || !applicationId.matches("[A-Za-z0-9._-]+")) {
            env.problem("FULFILLMENT_APPLICATION_ID must be letters, digits, '.', '_' or '-'. Got: '" + applicationId + "'");
        }
        env.validate();
        return new FulfillmentConfig(kafka, applicationId, FulfillmentTopics.catalogue(), httpHost, httpPort,
                advertisedHost, httpThreads, stateDir, streamThreads, orderWaitTimeout, expiryGrace, settlement,
                checkInterval, commitInterval, cacheMegabytes * 1024L * 1024L, createTopics, failover, statusAccess);
    }

    /** The time-based fulfilment rules these settings give. */
    public OrderDecider.Rules rules() {
        return rules(orderWaitTimeout, expiryGrace, cancellationSettlement);
    }

    /** This configuration with another broker and client settings, for embedding the worker beside others. */
    public FulfillmentConfig withKafka(KafkaSettings kafka) {
        return new FulfillmentConfig(kafka, applicationId, topics, httpHost, httpPort, advertisedHost, httpThreads,
                stateDir, streamThreads, orderWaitTimeout, expiryGrace, cancellationSettlement, checkInterval,
                commitInterval, cacheMaxBytes, createTopics, failover, statusAccess);
    }

    public FulfillmentConfig withTopics(FulfillmentTopics topics) {
        return new FulfillmentConfig(kafka, applicationId, topics, httpHost, httpPort, advertisedHost, httpThreads,
                stateDir, streamThreads, orderWaitTimeout, expiryGrace, cancellationSettlement, checkInterval,
                commitInterval, cacheMaxBytes, createTopics, failover, statusAccess);
    }

    public FulfillmentConfig withStateDir(Path stateDir) {
        return new FulfillmentConfig(kafka, applicationId, topics, httpHost, httpPort, advertisedHost, httpThreads,
                stateDir, streamThreads, orderWaitTimeout, expiryGrace, cancellationSettlement, checkInterval,
                commitInterval, cacheMaxBytes, createTopics, failover, statusAccess);
    }

    private static OrderDecider.Rules rules(Duration orderWait, Duration grace, Duration settlement) {
        return new OrderDecider.Rules(orderWait, grace, settlement);
    }

    private static Duration positive(Env env, String name, Duration defaultValue) {
        Duration value = env.duration(name, defaultValue);
        if (value.isZero() || value.isNegative()) {
            env.problem(name + " must be a positive duration. Got: '" + env.string(name, "") + "'");
            return defaultValue;
        }
        return value;
    }

    private static Duration notNegative(Env env, String name, Duration defaultValue) {
        Duration value = env.duration(name, defaultValue);
        if (value.isNegative()) {
            env.problem(name + " must not be negative. Got: '" + env.string(name, "") + "'");
            return defaultValue;
        }
        return value;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank. Got: '" + value + "'");
        }
    }
}
