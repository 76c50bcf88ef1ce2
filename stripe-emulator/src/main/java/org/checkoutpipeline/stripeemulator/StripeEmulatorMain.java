package org.checkoutpipeline.stripeemulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultRule;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryPolicy;
import org.checkoutpipeline.stripeemulator.webhooks.FixedEndpoint;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookSettings;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the emulator standalone: {@code java -jar stripe-emulator.jar [options]}. Every option has
 * an environment variable equivalent ({@code STRIPE_EMULATOR_<OPTION>}); a flag wins over the
 * environment.
 */
@Command(name = "stripe-emulator", mixinStandardHelpOptions = true,
        description = "A local, stateful Stripe Checkout Sessions API for stripe-java and curl.")
public final class StripeEmulatorMain implements Callable<Integer> {

    @Option(names = "--host",
            defaultValue = "${env:STRIPE_EMULATOR_HOST:-" + EmulatorConfig.DEFAULT_HOST + "}",
            description = "Address to listen on (env STRIPE_EMULATOR_HOST). Default: ${DEFAULT-VALUE}, this machine only:"
                    + " whoever reaches the emulator can pay sessions and move its clock. 0.0.0.0 listens on every interface.")
    String host;

    @Option(names = "--port",
            defaultValue = "${env:STRIPE_EMULATOR_PORT:-" + EmulatorConfig.DEFAULT_PORT + "}",
            description = "Port (env STRIPE_EMULATOR_PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--public-base-url", defaultValue = "${env:STRIPE_EMULATOR_PUBLIC_BASE_URL}",
            description = "Base of session URLs, <base>/c/pay/<id> (env STRIPE_EMULATOR_PUBLIC_BASE_URL)."
                    + " Default: http://localhost:<port>")
    String publicBaseUrl;

    @Option(names = "--max-sessions",
            defaultValue = "${env:STRIPE_EMULATOR_MAX_SESSIONS:-" + EmulatorConfig.DEFAULT_MAX_SESSIONS + "}",
            description = "Sessions kept; the oldest complete/expired go first (env"
                    + " STRIPE_EMULATOR_MAX_SESSIONS). Default: ${DEFAULT-VALUE}")
    int maxSessions;

    @Option(names = "--max-events",
            defaultValue = "${env:STRIPE_EMULATOR_MAX_EVENTS:-" + EmulatorConfig.DEFAULT_MAX_EVENTS + "}",
            description = "Events kept (env STRIPE_EMULATOR_MAX_EVENTS). Default: ${DEFAULT-VALUE}")
    int maxEvents;

    @Option(names = "--max-idempotency-keys",
            defaultValue = "${env:STRIPE_EMULATOR_MAX_IDEMPOTENCY_KEYS:-"
                    + EmulatorConfig.DEFAULT_MAX_IDEMPOTENCY_KEYS + "}",
            description = "Idempotency keys kept (env STRIPE_EMULATOR_MAX_IDEMPOTENCY_KEYS)."
                    + " Default: ${DEFAULT-VALUE}")
    int maxIdempotencyKeys;

    @Option(names = "--async-payment-delay-seconds",
            defaultValue = "${env:STRIPE_EMULATOR_ASYNC_PAYMENT_DELAY_SECONDS:-"
                    + EmulatorConfig.DEFAULT_ASYNC_PAYMENT_DELAY_SECONDS + "}",
            description = "Emulator seconds until a delayed payment settles (env"
                    + " STRIPE_EMULATOR_ASYNC_PAYMENT_DELAY_SECONDS). Default: ${DEFAULT-VALUE}")
    long asyncPaymentDelaySeconds;

    @Option(names = "--threads", defaultValue = "${env:STRIPE_EMULATOR_THREADS:-0}",
            description = "HTTP worker threads, 0 = one per core, at least 2 (env"
                    + " STRIPE_EMULATOR_THREADS). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--sweep-interval-seconds",
            defaultValue = "${env:STRIPE_EMULATOR_SWEEP_INTERVAL_SECONDS:-"
                    + EmulatorConfig.DEFAULT_SWEEP_INTERVAL_SECONDS + "}",
            description = "Real-time interval of the background sweep that expires sessions at"
                    + " expires_at and settles delayed payments, 0 = off (env"
                    + " STRIPE_EMULATOR_SWEEP_INTERVAL_SECONDS). Default: ${DEFAULT-VALUE}")
    long sweepIntervalSeconds;

    @Option(names = "--webhook-url", defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_URL}",
            description = "A webhook endpoint registered at start-up (env STRIPE_EMULATOR_WEBHOOK_URL),"
                    + " e.g. http://localhost:8080/stripe/webhook")
    String webhookUrl;

    @Option(names = "--webhook-secret", defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_SECRET}",
            description = "Signing secret of --webhook-url, e.g. whsec_local (env"
                    + " STRIPE_EMULATOR_WEBHOOK_SECRET). Default: a random one, printed at start-up")
    String webhookSecret;

    @Option(names = "--webhook-events", defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_EVENTS:-*}",
            split = ",", description = "Event types sent to --webhook-url, comma-separated (env"
                    + " STRIPE_EMULATOR_WEBHOOK_EVENTS). Default: ${DEFAULT-VALUE}")
    List<String> webhookEvents;

    @Option(names = "--webhook-retry-schedule",
            defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_RETRY_SCHEDULE:-"
                    + RetrySchedule.DEFAULT_TEXT + "}",
            description = "Real-time delays between attempts of a failing webhook, or 'none' (env"
                    + " STRIPE_EMULATOR_WEBHOOK_RETRY_SCHEDULE). Default: ${DEFAULT-VALUE}")
    String webhookRetrySchedule;

    @Option(names = "--webhook-timeout-ms",
            defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS:-"
                    + DeliveryPolicy.DEFAULT_TIMEOUT_MS + "}",
            description = "An attempt that takes longer fails and is retried (env"
                    + " STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS). Default: ${DEFAULT-VALUE}")
    long webhookTimeoutMs;

    @Option(names = "--webhook-duplicate-rate",
            defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_DUPLICATE_RATE:-0}",
            description = "Share of webhook deliveries sent twice, 0-1 (env"
                    + " STRIPE_EMULATOR_WEBHOOK_DUPLICATE_RATE). Default: ${DEFAULT-VALUE}")
    double webhookDuplicateRate;

    @Option(names = "--webhook-max-pending",
            defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_MAX_PENDING:-"
                    + WebhookSettings.DEFAULT_MAX_PENDING + "}",
            description = "Deliveries waiting for an attempt before new ones are dropped (env"
                    + " STRIPE_EMULATOR_WEBHOOK_MAX_PENDING). Default: ${DEFAULT-VALUE}")
    int webhookMaxPending;

    @Option(names = "--webhook-log-size",
            defaultValue = "${env:STRIPE_EMULATOR_WEBHOOK_LOG_SIZE:-"
                    + WebhookSettings.DEFAULT_LOG_SIZE + "}",
            description = "Delivery attempts kept for GET /_emulator/webhook_deliveries (env"
                    + " STRIPE_EMULATOR_WEBHOOK_LOG_SIZE). Default: ${DEFAULT-VALUE}")
    int webhookLogSize;

    private boolean generatedSecret;

    @Option(names = "--latency-ms", defaultValue = "${env:STRIPE_EMULATOR_LATENCY_MS:-0}",
            description = "Added latency on every Stripe endpoint (env STRIPE_EMULATOR_LATENCY_MS).")
    long latencyMs;

    @Option(names = "--jitter-ms", defaultValue = "${env:STRIPE_EMULATOR_JITTER_MS:-0}",
            description = "Latency varies by +/- this (env STRIPE_EMULATOR_JITTER_MS).")
    long jitterMs;

    @Option(names = "--error-rate", defaultValue = "${env:STRIPE_EMULATOR_ERROR_RATE:-0}",
            description = "Share of requests answered 500 api_error, 0-1 (env STRIPE_EMULATOR_ERROR_RATE).")
    double errorRate;

    @Option(names = "--rate-limit-error-rate",
            defaultValue = "${env:STRIPE_EMULATOR_RATE_LIMIT_ERROR_RATE:-0}",
            description = "Share of requests answered 429 rate_limit, 0-1 (env"
                    + " STRIPE_EMULATOR_RATE_LIMIT_ERROR_RATE).")
    double rateLimitErrorRate;

    @Option(names = "--rate-limit", defaultValue = "${env:STRIPE_EMULATOR_RATE_LIMIT:-0}",
            description = "Requests per second before 429 rate_limit, 0 = unlimited (env"
                    + " STRIPE_EMULATOR_RATE_LIMIT).")
    double rateLimit;

    @Option(names = "--faults-json", defaultValue = "${env:STRIPE_EMULATOR_FAULTS_JSON}",
            description = "Full fault settings as JSON, including per-endpoint rules, as accepted by"
                    + " POST /_emulator/faults; replaces the single fault flags (env"
                    + " STRIPE_EMULATOR_FAULTS_JSON).")
    String faultsJson;

    EmulatorConfig toConfig() {
        FaultConfig faults = faultsJson != null && !faultsJson.isBlank()
                ? FaultConfig.parse(faultsJson)
                : new FaultConfig(new FaultRule(latencyMs, jitterMs, errorRate, rateLimitErrorRate),
                        Map.of(), rateLimit);
        var policy = new DeliveryPolicy(RetrySchedule.parse(webhookRetrySchedule),
                Duration.ofMillis(webhookTimeoutMs), webhookDuplicateRate);
        var endpoints = new ArrayList<FixedEndpoint>();
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            generatedSecret = webhookSecret == null || webhookSecret.isBlank();
            String secret = generatedSecret ? WebhookSignature.newSecret() : webhookSecret;
            endpoints.add(new FixedEndpoint(webhookUrl, secret, webhookEvents));
        } else if (webhookSecret != null && !webhookSecret.isBlank()) {
            throw new IllegalArgumentException("--webhook-secret needs --webhook-url (the endpoint it signs for)");
        }
        return new EmulatorConfig(host, port, publicBaseUrl, maxSessions, maxEvents,
                maxIdempotencyKeys, EmulatorConfig.DEFAULT_IDEMPOTENCY_KEY_TTL,
                Duration.ofSeconds(asyncPaymentDelaySeconds),
                threads == 0 ? EmulatorConfig.defaultServerThreads() : threads,
                Duration.ofSeconds(sweepIntervalSeconds), faults,
                new WebhookSettings(policy, webhookMaxPending, webhookLogSize, endpoints));
    }

    @Override
    public Integer call() throws InterruptedException {
        EmulatorConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            System.err.println("stripe-emulator: invalid setting: " + e.getMessage());
            return 2;
        }
        System.out.println("stripe-emulator settings:");
        System.out.println(config.describe());
        var emulator = StripeEmulator.builder().config(config).build().start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            stopped.countDown();
        }, "stripe-emulator-shutdown"));
        System.out.println("stripe-emulator listening on " + emulator.baseUrl()
                + " (try: curl -u sk_test_x: " + emulator.baseUrl() + "/v1/checkout/sessions)");
        if (generatedSecret) {
            System.out.println("webhook signing secret for " + webhookUrl + ": "
                    + config.webhooks().endpoints().get(0).secret());
        }
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StripeEmulatorMain()).execute(args));
    }
}
