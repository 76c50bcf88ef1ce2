package org.checkoutpipeline.checkout.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.runtime.Secrets;

/**
 * Everything the checkout worker can be told, read from environment variables and validated at
 * start-up.
 *
 * @param kafka               how to reach Kafka
 * @param groupId             consumer group of {@code orders.placed}; instances sharing it share the work
 * @param transactionalId     this instance's transactional id: stable across restarts of one instance
 *                            (so a restart fences its predecessor at once), distinct between instances
 * @param stripeApiKey        {@code sk_test_...} or {@code sk_live_...}
 * @param stripeApiBase       the emulator's URL, or null for real Stripe
 * @param concurrency         Stripe calls in flight at once
 * @param rateLimitPerSecond  client-side ceiling on Stripe calls per second
 * @param retryBudget         how long an order may be retried on 429, 5xx and connection errors
 *                            before it fails with {@code STRIPE_UNAVAILABLE}
 * @param firstBackoff        wait before the first retry; each further retry waits twice as long, up to 30 s
 * @param stripeTimeout       read timeout of one Stripe call
 * @param commitInterval      longest time between Kafka transactions while results are ready
 * @param maxBufferedRecords  records consumed but not yet committed, across partitions, before the consumer pauses
 * @param httpPort            port of {@code /healthz}, {@code /readyz}, {@code /metrics}; 0 picks a free one
 * @param sessionTimeout      how long the group waits for a silent instance before its partitions move to
 *                            the others: the failover time after a crash (the broker's minimum is 6 s)
 * @param instanceId          static group membership ({@code group.instance.id}): an instance restarted with
 *                            the same id within the session timeout takes its partitions back without a
 *                            rebalance; null for dynamic membership
 */
public record CheckoutWorkerConfig(
        KafkaSettings kafka,
        String groupId,
        String transactionalId,
        String stripeApiKey,
        URI stripeApiBase,
        int concurrency,
        double rateLimitPerSecond,
        Duration retryBudget,
        Duration firstBackoff,
        Duration stripeTimeout,
        Duration commitInterval,
        int maxBufferedRecords,
        int httpPort,
        Duration sessionTimeout,
        String instanceId) {

    /** Stripe's documented limits: 25 requests/s in test mode, 100 live. */
    static final double TEST_MODE_RATE = 25;
    static final double LIVE_MODE_RATE = 100;

    public CheckoutWorkerConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(stripeApiKey, "stripeApiKey");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(stripeTimeout, "stripeTimeout");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1. Got: " + concurrency);
        }
        if (rateLimitPerSecond <= 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must be positive. Got: " + rateLimitPerSecond);
        }
        if (maxBufferedRecords < concurrency) {
            throw new IllegalArgumentException("maxBufferedRecords must be at least the concurrency (" + concurrency
                    + "). Got: " + maxBufferedRecords);
        }
    }

    /**
     * Reads the configuration; every problem is reported at once.
     *
     * @throws org.checkoutpipeline.runtime.ConfigException naming each bad or missing variable and its value
     */
    public static CheckoutWorkerConfig fromEnv(Env env) {
        KafkaSettings kafka = KafkaSettings.fromEnv(env);
        String apiKey = env.required("STRIPE_API_KEY");
        if (apiKey != null && !(apiKey.startsWith("sk_") || apiKey.startsWith("rk_"))) {
            env.problem("STRIPE_API_KEY must be a secret or restricted key (sk_test_..., sk_live_..., rk_...). Got: '"
                    + Secrets.mask(apiKey) + "'");
        }
        Builder builder = builder(kafka, apiKey == null ? "" : apiKey, env.url("STRIPE_API_BASE", null))
                .transactionalId("checkout-worker-" + env.string("HOSTNAME", UUID.randomUUID().toString()))
                .httpPort(8081);
        withEnv(builder, env);
        env.validate();
        return builder.build();
    }

    /**
     * Applies the worker's own variables ({@code CHECKOUT_*}, {@code STRIPE_RATE_LIMIT},
     * {@code STRIPE_TIMEOUT}) that are set to {@code builder}; those unset keep the builder's value. A
     * process that embeds the worker uses it so that every documented variable still applies; the
     * caller validates {@code env}.
     */
    public static Builder withEnv(Builder builder, Env env) {
        Duration session = env.duration("CHECKOUT_SESSION_TIMEOUT", builder.sessionTimeout);
        if (session.compareTo(Duration.ofSeconds(2)) < 0 || session.compareTo(Duration.ofMinutes(30)) > 0) {
            env.problem("CHECKOUT_SESSION_TIMEOUT must be from 2s to 30m (brokers refuse less than 6s by default). Got: "
                    + session);
        }
        return builder.groupId(env.string("CHECKOUT_GROUP_ID", builder.groupId))
                .transactionalId(env.string("CHECKOUT_TRANSACTIONAL_ID", builder.transactionalId))
                .concurrency(env.integer("CHECKOUT_CONCURRENCY", builder.concurrency, 1, 1024))
                .rateLimitPerSecond(env.decimal("STRIPE_RATE_LIMIT", builder.rateLimitPerSecond, 0.1, 100_000))
                .retryBudget(env.duration("CHECKOUT_RETRY_BUDGET", builder.retryBudget))
                .firstBackoff(env.duration("CHECKOUT_RETRY_BACKOFF", builder.firstBackoff))
                .stripeTimeout(env.duration("STRIPE_TIMEOUT", builder.stripeTimeout))
                .commitInterval(env.duration("CHECKOUT_COMMIT_INTERVAL", builder.commitInterval))
                .maxBufferedRecords(env.integer("CHECKOUT_MAX_BUFFERED", builder.maxBufferedRecords, 1, 1_000_000))
                .httpPort(env.integer("CHECKOUT_HTTP_PORT", builder.httpPort, 0, 65_535))
                .sessionTimeout(env.duration("CHECKOUT_SESSION_TIMEOUT", builder.sessionTimeout))
                .instanceId(env.string("CHECKOUT_INSTANCE_ID", builder.instanceId));
    }

    /**
     * A builder with the defaults: 64 calls in flight, Stripe's rate limit for the key's mode, a
     * 10-minute retry budget, a random transactional id and a free HTTP port.
     */
    public static Builder builder(KafkaSettings kafka, String stripeApiKey, URI stripeApiBase) {
        return new Builder(kafka, stripeApiKey, stripeApiBase);
    }

    /** Builds a {@link CheckoutWorkerConfig}; the record's constructor validates the result. */
    public static final class Builder {
        private final KafkaSettings kafka;
        private String stripeApiKey;
        private URI stripeApiBase;
        private String groupId = "checkout-worker";
        private String transactionalId = "checkout-worker-" + UUID.randomUUID();
        private int concurrency = 64;
        private double rateLimitPerSecond;
        private Duration retryBudget = Duration.ofMinutes(10);
        private Duration firstBackoff = Duration.ofMillis(500);
        private Duration stripeTimeout = Duration.ofSeconds(30);
        private Duration commitInterval = Duration.ofMillis(100);
        private int maxBufferedRecords = 1_000;
        private int httpPort;
        private Duration sessionTimeout = Duration.ofSeconds(6);
        private String instanceId;

        private Builder(KafkaSettings kafka, String stripeApiKey, URI stripeApiBase) {
            this.kafka = kafka;
            this.stripeApiKey = stripeApiKey;
            this.stripeApiBase = stripeApiBase;
            this.rateLimitPerSecond = stripeApiKey != null && stripeApiKey.contains("_live_") ? LIVE_MODE_RATE : TEST_MODE_RATE;
        }

        public Builder apiKey(String value) {
            stripeApiKey = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        public Builder transactionalId(String value) {
            transactionalId = value;
            return this;
        }

        /** Also raises the buffer to at least the concurrency. */
        public Builder concurrency(int value) {
            concurrency = value;
            maxBufferedRecords = Math.max(maxBufferedRecords, value);
            return this;
        }

        public Builder rateLimitPerSecond(double value) {
            rateLimitPerSecond = value;
            return this;
        }

        public Builder retryBudget(Duration value) {
            retryBudget = value;
            return this;
        }

        public Builder firstBackoff(Duration value) {
            firstBackoff = value;
            return this;
        }

        public Builder stripeTimeout(Duration value) {
            stripeTimeout = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        public Builder maxBufferedRecords(int value) {
            maxBufferedRecords = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        public Builder instanceId(String value) {
            instanceId = value;
            return this;
        }

        public CheckoutWorkerConfig build() {
            return new CheckoutWorkerConfig(kafka, groupId, transactionalId, stripeApiKey, stripeApiBase, concurrency,
                    rateLimitPerSecond, retryBudget, firstBackoff, stripeTimeout, commitInterval, maxBufferedRecords, httpPort,
                    sessionTimeout, instanceId);
        }
    }

    /** The configuration as printed at start-up, secrets masked. */
    public String describe() {
        return String.join("\n",
                "checkout-worker configuration:",
                "  kafka                 " + kafka,
                "  group id              " + groupId,
                "  transactional id      " + transactionalId,
                "  stripe api key        " + Secrets.mask(stripeApiKey),
                "  stripe api base       " + (stripeApiBase == null ? "(real Stripe)" : stripeApiBase),
                "  concurrency           " + concurrency,
                "  rate limit            " + rateLimitPerSecond + " calls/s",
                "  retry budget          " + retryBudget + " (first backoff " + firstBackoff + ")",
                "  stripe timeout        " + stripeTimeout,
                "  commit interval       " + commitInterval,
                "  max buffered records  " + maxBufferedRecords,
                "  http port             " + httpPort,
                "  session timeout       " + sessionTimeout + " (failover after a crash), "
                        + (instanceId == null ? "dynamic membership" : "static membership as " + instanceId));
    }

    @Override
    public String toString() {
        return describe();
    }
}
