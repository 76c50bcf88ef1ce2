package org.checkoutpipeline.stripeemulator;

import java.net.URI;
import java.time.Duration;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookSettings;

/**
 * Emulator settings, validated on construction. Built by {@link StripeEmulator.Builder} or from
 * command-line flags and environment variables by {@link StripeEmulatorMain}.
 *
 * @param host address to listen on
 * @param port TCP port; 0 picks a free one
 * @param publicBaseUrl base of the session {@code url} ({@code <base>/c/pay/<id>}); null means
 *     {@code http://localhost:<port>}
 * @param maxSessions retention bound: at most this many sessions are kept (and as many customers,
 *     payment intents, subscriptions, setup intents); beyond it the oldest complete or expired
 *     sessions go first, then the oldest open ones
 * @param maxEvents at most this many events are kept, oldest dropped first
 * @param maxIdempotencyKeys at most this many idempotency keys are kept, oldest dropped first
 * @param idempotencyKeyTtl how long (in emulator time) an idempotency key is remembered
 * @param asyncPaymentDelay emulator time between completing with a delayed payment method and
 *     the payment settling
 * @param serverThreads HTTP worker threads
 * @param sweepInterval real-time interval of the background sweep that expires sessions at
 *     {@code expires_at} and settles delayed payments; zero disables it (sessions still expire on
 *     every clock advance and when their page is opened)
 * @param webhooks webhook delivery settings and the endpoints registered at start-up
 */
public record EmulatorConfig(
        String host,
        int port,
        String publicBaseUrl,
        int maxSessions,
        int maxEvents,
        int maxIdempotencyKeys,
        Duration idempotencyKeyTtl,
        Duration asyncPaymentDelay,
        int serverThreads,
        Duration sweepInterval,
        FaultConfig faults,
        WebhookSettings webhooks) {

    /**
     * Loopback: anyone who reaches the emulator can pay sessions and move its clock, so by default only
     * this machine can. A container sets {@code 0.0.0.0}.
     */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 12111;
    public static final int DEFAULT_MAX_SESSIONS = 1_000_000;
    public static final int DEFAULT_MAX_EVENTS = 1_000_000;
    public static final int DEFAULT_MAX_IDEMPOTENCY_KEYS = 1_000_000;
    public static final Duration DEFAULT_IDEMPOTENCY_KEY_TTL = Duration.ofHours(24);
    public static final long DEFAULT_ASYNC_PAYMENT_DELAY_SECONDS = 60;
    public static final long DEFAULT_SWEEP_INTERVAL_SECONDS = 1;

    public EmulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, was '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (publicBaseUrl != null) {
            if (publicBaseUrl.endsWith("/")) {
                publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(publicBaseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("public base URL is not a URL: '" + publicBaseUrl + "'");
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "public base URL must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
            }
        }
        positive("max sessions", maxSessions);
        positive("max events", maxEvents);
        positive("max idempotency keys", maxIdempotencyKeys);
        positive("server threads", serverThreads);
        if (idempotencyKeyTtl.isNegative() || idempotencyKeyTtl.isZero()) {
            throw new IllegalArgumentException(
                    "idempotency key TTL must be positive, was " + idempotencyKeyTtl);
        }
        if (asyncPaymentDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "async payment delay must be >= 0, was " + asyncPaymentDelay);
        }
        if (sweepInterval.isNegative()) {
            throw new IllegalArgumentException("sweep interval must be >= 0, was " + sweepInterval);
        }
        if (faults == null) {
            throw new IllegalArgumentException("fault settings must be given (FaultConfig.NONE for none)");
        }
        if (webhooks == null) {
            throw new IllegalArgumentException(
                    "webhook settings must be given (WebhookSettings.DEFAULT for the defaults)");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    public static EmulatorConfig defaults() {
        return new EmulatorConfig(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_SESSIONS,
                DEFAULT_MAX_EVENTS, DEFAULT_MAX_IDEMPOTENCY_KEYS, DEFAULT_IDEMPOTENCY_KEY_TTL,
                Duration.ofSeconds(DEFAULT_ASYNC_PAYMENT_DELAY_SECONDS), defaultServerThreads(),
                Duration.ofSeconds(DEFAULT_SWEEP_INTERVAL_SECONDS), FaultConfig.NONE,
                WebhookSettings.DEFAULT);
    }

    /**
     * One worker per core (at least 2): handlers never block (injected latency uses timers), so
     * more threads only add context switches; on 2 cores this halves p99 latency against 32 threads.
     */
    public static int defaultServerThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** One line per setting, for printing once at start-up. */
    public String describe() {
        return String.join(System.lineSeparator(),
                "  host                  " + host,
                "  port                  " + port,
                "  public base URL       " + (publicBaseUrl == null ? "http://localhost:<port>" : publicBaseUrl),
                "  max sessions          " + maxSessions,
                "  max events            " + maxEvents,
                "  max idempotency keys  " + maxIdempotencyKeys,
                "  idempotency key TTL   " + idempotencyKeyTtl,
                "  async payment delay   " + asyncPaymentDelay,
                "  server threads        " + serverThreads,
                "  sweep interval        " + (sweepInterval.isZero() ? "off" : sweepInterval.toString()),
                "  faults                " + (faults.isNone() ? "none" : faults.toJson().toString()),
                "  webhook retries       " + webhooks.policy().retrySchedule(),
                "  webhook timeout       " + webhooks.policy().timeout(),
                "  webhook duplicates    " + webhooks.policy().duplicateRate(),
                "  webhook queue / log   " + webhooks.maxPendingDeliveries() + " / "
                        + webhooks.maxLoggedAttempts(),
                "  webhook endpoints     " + (webhooks.endpoints().isEmpty() ? "none"
                        : webhooks.endpoints().stream().map(e -> e.url() + " " + e.enabledEvents()
                                + " secret " + mask(e.secret())).toList()));
    }

    private static String mask(String secret) {
        return secret.length() <= 10 ? "****" : secret.substring(0, 8) + "****";
    }
}
