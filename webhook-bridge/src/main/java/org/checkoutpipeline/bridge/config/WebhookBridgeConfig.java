package org.checkoutpipeline.bridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.runtime.Secrets;

/**
 * The webhook bridge's settings, from environment variables, validated at start-up.
 *
 * @param kafka              how to reach Kafka
 * @param webhookSecrets     every {@code whsec_} secret accepted; more than one while rotating
 * @param tolerance          how old a signature's timestamp may be
 * @param httpHost           the address it listens on: every interface by default, since Stripe must reach it
 * @param httpPort           port of {@code /stripe/webhook} and the operations endpoints; 0 picks one
 * @param httpThreads        requests handled at once (each waits for Kafka's acknowledgement)
 * @param maxBodyBytes       larger bodies are refused with 413
 * @param publishTimeout     how long a webhook waits for Kafka before it is answered 503
 * @param recentEventIds     how many published event ids are remembered to skip duplicates
 * @param dedupeWindow       how far back a starting instance reads checkout.events for the ids other instances
 *                           (or its predecessor) published; zero: only what this instance publishes
 * @param stripeApiKey       for reading sessions back and for reconciliation ({@code GET /v1/events}); null turns both off
 * @param sessionReadTimeout how long a webhook may wait for its session to be read back from Stripe, retries included;
 *                           past it the event is published with what the webhook carried
 * @param stripeRateLimit    calls per second this bridge makes to Stripe at most
 * @param stripeApiBase      the emulator's URL, or null for real Stripe
 * @param reconcileInterval  time between reconciliation runs; zero turns reconciliation off
 * @param reconcileLookBack  how far back the first reconciliation looks when there is no checkpoint
 * @param reconcileDelay     how old an event must be before reconciliation treats its webhook as missing
 * @param shutdownGrace      how long requests in flight may take to finish on shutdown
 */
public record WebhookBridgeConfig(
        KafkaSettings kafka,
        List<String> webhookSecrets,
        Duration tolerance,
        String httpHost,
        int httpPort,
        int httpThreads,
        int maxBodyBytes,
        Duration publishTimeout,
        int recentEventIds,
        Duration dedupeWindow,
        String stripeApiKey,
        URI stripeApiBase,
        Duration sessionReadTimeout,
        double stripeRateLimit,
        Duration reconcileInterval,
        Duration reconcileLookBack,
        Duration reconcileDelay,
        Duration shutdownGrace) {

    public static final int ONE_MEBIBYTE = 1024 * 1024;

    public WebhookBridgeConfig {
        Objects.requireNonNull(kafka, "kafka");
        webhookSecrets = List.copyOf(webhookSecrets);
        if (webhookSecrets.isEmpty()) {
            throw new IllegalArgumentException("At least one webhook signing secret (STRIPE_WEBHOOK_SECRET) is needed");
        }
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException("httpHost must not be blank. Got: '" + httpHost + "'");
        }
        if (reconcileDelay.isNegative()) {
            throw new IllegalArgumentException("BRIDGE_RECONCILE_DELAY must not be negative. Got: " + reconcileDelay);
        }
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1. Got: " + httpThreads);
        }
    }

    /** Whether completed sessions are read back from Stripe (needs the API key). */
    public boolean readsSessions() {
        return stripeApiKey != null;
    }

    public boolean reconciles() {
        return stripeApiKey != null && !reconcileInterval.isZero();
    }

    public static WebhookBridgeConfig fromEnv(Env env) {
        KafkaSettings kafka = KafkaSettings.fromEnv(env);
        List<String> secrets = env.list("STRIPE_WEBHOOK_SECRET", List.of());
        if (secrets.isEmpty()) {
            env.problem("STRIPE_WEBHOOK_SECRET must be set (comma-separated to accept several while rotating)");
        }
        secrets.stream().filter(secret -> !secret.startsWith("whsec_")).forEach(secret ->
                env.problem("STRIPE_WEBHOOK_SECRET entries must start with whsec_. Got: '" + Secrets.mask(secret) + "'"));
        Builder builder = builder(kafka, secrets.isEmpty() ? List.of("whsec_unset") : secrets).httpPort(8082)
                .reconciliation(env.string("STRIPE_API_KEY", null), env.url("STRIPE_API_BASE", null),
                        Duration.ofMinutes(5), Duration.ofDays(3));
        withEnv(builder, env);
        env.validate();
        return builder.build();
    }

    /**
     * Applies the bridge's own variables ({@code BRIDGE_*}, {@code STRIPE_WEBHOOK_TOLERANCE},
     * {@code STRIPE_RATE_LIMIT}) that are set to {@code builder}; those unset keep the builder's value. A
     * process that embeds the bridge uses it so that every documented variable still applies; the
     * caller validates {@code env}.
     */
    public static Builder withEnv(Builder builder, Env env) {
        return builder.tolerance(env.duration("STRIPE_WEBHOOK_TOLERANCE", builder.tolerance))
                .httpHost(env.string("BRIDGE_HTTP_HOST", builder.httpHost))
                .httpPort(env.integer("BRIDGE_HTTP_PORT", builder.httpPort, 0, 65_535))
                .httpThreads(env.integer("BRIDGE_HTTP_THREADS", builder.httpThreads, 1, 4_096))
                .maxBodyBytes(env.integer("BRIDGE_MAX_BODY_BYTES", builder.maxBodyBytes, 1_024, 64 * ONE_MEBIBYTE))
                .publishTimeout(env.duration("BRIDGE_PUBLISH_TIMEOUT", builder.publishTimeout))
                .recentEventIds(env.integer("BRIDGE_RECENT_EVENT_IDS", builder.recentEventIds, 1, 10_000_000))
                .dedupeWindow(env.duration("BRIDGE_DEDUPE_WINDOW", builder.dedupeWindow))
                .reconciliation(builder.stripeApiKey, builder.stripeApiBase,
                        env.duration("BRIDGE_RECONCILE_INTERVAL", builder.reconcileInterval),
                        env.duration("BRIDGE_RECONCILE_LOOKBACK", builder.reconcileLookBack))
                .reconcileDelay(env.duration("BRIDGE_RECONCILE_DELAY", builder.reconcileDelay))
                .sessionReads(env.duration("BRIDGE_SESSION_READ_TIMEOUT", builder.sessionReadTimeout),
                        env.decimal("STRIPE_RATE_LIMIT", builder.stripeRateLimit, 0.1, 10_000))
                .shutdownGrace(env.duration("BRIDGE_SHUTDOWN_GRACE", builder.shutdownGrace));
    }

    public static Builder builder(KafkaSettings kafka, List<String> webhookSecrets) {
        return new Builder(kafka, webhookSecrets);
    }

    /** The configuration as printed at start-up, secrets masked. */
    public String describe() {
        return String.join("\n",
                "webhook-bridge configuration:",
                "  kafka                 " + kafka,
                "  webhook secrets       " + webhookSecrets.stream().map(Secrets::mask).collect(Collectors.joining(", ")),
                "  signature tolerance   " + tolerance,
                "  http / threads        " + httpHost + ":" + httpPort + " / " + httpThreads,
                "  max body              " + maxBodyBytes + " bytes",
                "  publish timeout       " + publishTimeout,
                "  recent event ids      " + recentEventIds + (dedupeWindow.isZero() ? ", this instance's only"
                        : ", shared through checkout.events (the last " + dedupeWindow + " read at start-up)"),
                "  session reads         " + (readsSessions()
                        ? "within " + sessionReadTimeout + ", at most " + stripeRateLimit + " Stripe calls/s"
                        : "off (needs STRIPE_API_KEY): events carry only what the webhook did, no line items"),
                "  reconciliation        " + (reconciles()
                        ? "every " + reconcileInterval + " against " + (stripeApiBase == null ? "Stripe" : stripeApiBase)
                                + " with " + Secrets.mask(stripeApiKey) + ", first look-back " + reconcileLookBack
                                + ", events older than " + reconcileDelay
                        : "off (needs STRIPE_API_KEY and a non-zero BRIDGE_RECONCILE_INTERVAL)"));
    }

    /** The masked {@link #describe()}: the record's own toString would print the secrets. */
    @Override
    public String toString() {
        return describe();
    }

    /** Builds a {@link WebhookBridgeConfig}; every setting but Kafka and the secrets has a default. */
    public static final class Builder {
        private final KafkaSettings kafka;
        private final List<String> secrets;
        private Duration tolerance = Duration.ofMinutes(5);
        private String httpHost = "0.0.0.0";
        private int httpPort;
        private int httpThreads = 64;
        private int maxBodyBytes = ONE_MEBIBYTE;
        private Duration publishTimeout = Duration.ofSeconds(5);
        private int recentEventIds = 100_000;
        private Duration dedupeWindow = Duration.ofMinutes(15);
        private String stripeApiKey;
        private URI stripeApiBase;
        private Duration reconcileInterval = Duration.ZERO;
        private Duration sessionReadTimeout = Duration.ofSeconds(3);
        private double stripeRateLimit = 25;
        private Duration reconcileLookBack = Duration.ofDays(3);
        private Duration reconcileDelay = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder(KafkaSettings kafka, List<String> secrets) {
            this.kafka = kafka;
            this.secrets = secrets;
        }

        public Builder tolerance(Duration value) {
            tolerance = value;
            return this;
        }

        public Builder httpHost(String value) {
            httpHost = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder httpThreads(int value) {
            httpThreads = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder publishTimeout(Duration value) {
            publishTimeout = value;
            return this;
        }

        public Builder recentEventIds(int value) {
            recentEventIds = value;
            return this;
        }

        public Builder dedupeWindow(Duration value) {
            dedupeWindow = value;
            return this;
        }

        /** Turns reconciliation on (unless the key is null or the interval zero). */
        public Builder reconciliation(String apiKey, URI apiBase, Duration interval, Duration lookBack) {
            stripeApiKey = apiKey;
            stripeApiBase = apiBase;
            reconcileInterval = interval;
            reconcileLookBack = lookBack;
            return this;
        }

        /** How long a session read may take, and the rate of Stripe calls; reads happen when the API key is set. */
        public Builder sessionReads(Duration timeout, double callsPerSecond) {
            sessionReadTimeout = timeout;
            stripeRateLimit = callsPerSecond;
            return this;
        }

        /** The API key (and emulator URL) for reading sessions back, without reconciliation. */
        public Builder stripe(String apiKey, URI apiBase) {
            stripeApiKey = apiKey;
            stripeApiBase = apiBase;
            return this;
        }

        /** How old an event must be before reconciliation treats its webhook as missing rather than on its way. */
        public Builder reconcileDelay(Duration value) {
            reconcileDelay = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            shutdownGrace = value;
            return this;
        }

        public WebhookBridgeConfig build() {
            return new WebhookBridgeConfig(kafka, secrets, tolerance, httpHost, httpPort, httpThreads, maxBodyBytes, publishTimeout,
                    recentEventIds, dedupeWindow, stripeApiKey, stripeApiBase, sessionReadTimeout, stripeRateLimit, reconcileInterval, reconcileLookBack, reconcileDelay, shutdownGrace);
        }
    }
}
