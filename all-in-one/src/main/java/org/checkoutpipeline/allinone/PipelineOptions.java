package org.checkoutpipeline.allinone;

import java.net.URI;
import java.time.Duration;
import org.checkoutpipeline.orderproducer.cli.DurationConverter;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import picocli.CommandLine.Option;

/**
 * The pipeline's settings as flags, each with an environment variable: by default everything runs
 * here (embedded broker, embedded emulator); {@code --kafka-bootstrap-servers} points at an external
 * Kafka, {@code --stripe external} at real Stripe test mode or a standalone emulator.
 */
final class PipelineOptions {

    @Option(names = "--kafka-bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "External Kafka (env KAFKA_BOOTSTRAP_SERVERS); unset starts a broker in this process. "
                    + "Other client settings: KAFKA_CLIENT_<NAME> variables, e.g. KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL.")
    String kafkaBootstrapServers;

    @Option(names = "--kafka-port", defaultValue = "${env:EMBEDDED_KAFKA_PORT:-0}",
            description = "Port of the embedded broker (env EMBEDDED_KAFKA_PORT; default any free port).")
    int kafkaPort;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions per topic on the embedded broker (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stripe", defaultValue = "${env:STRIPE_MODE:-emulator}", paramLabel = "emulator|external",
            description = "emulator (default): run the Stripe emulator here. external: call --stripe-api-base, or real "
                    + "Stripe when it is unset (env STRIPE_MODE).")
    String stripe;

    @Option(names = "--stripe-api-key", defaultValue = "${env:STRIPE_API_KEY:-" + PipelineConfig.LOCAL_API_KEY + "}",
            description = "Stripe secret key (env STRIPE_API_KEY); any sk_test_ key works with the emulator.")
    String stripeApiKey;

    @Option(names = "--stripe-api-base", defaultValue = "${env:STRIPE_API_BASE}",
            description = "With --stripe external: a Stripe-compatible API such as a standalone emulator (env STRIPE_API_BASE); "
                    + "unset means real Stripe.")
    URI stripeApiBase;

    @Option(names = "--webhook-secret", defaultValue = "${env:STRIPE_WEBHOOK_SECRET:-" + PipelineConfig.LOCAL_WEBHOOK_SECRET + "}",
            description = "The whsec_ secret webhooks are signed with (env STRIPE_WEBHOOK_SECRET); with real Stripe, "
                    + "the one 'stripe listen' prints.")
    String webhookSecret;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:CHECKOUT_PIPELINE_BIND:-127.0.0.1}",
            description = "Address the emulator, the webhook bridge and the status API listen on (env CHECKOUT_PIPELINE_BIND; "
                    + "default ${DEFAULT-VALUE}: this machine only, and the status API needs no token). Another address, such as "
                    + "0.0.0.0, exposes the emulator's controls (pay a session, move the clock) to whoever reaches it, and the "
                    + "status API then needs FULFILLMENT_STATUS_TOKEN (or FULFILLMENT_STATUS_TRUSTED_NETWORK=true).")
    String bindAddress;

    @Option(names = "--emulator-port", defaultValue = "${env:STRIPE_EMULATOR_PORT}",
            description = "Port of the embedded Stripe emulator (env STRIPE_EMULATOR_PORT; 0 = any free port).")
    Integer emulatorPort;

    @Option(names = "--bridge-port", defaultValue = "${env:BRIDGE_HTTP_PORT}",
            description = "Port of the webhook bridge (env BRIDGE_HTTP_PORT; 0 = any free port).")
    Integer bridgePort;

    @Option(names = "--status-port", defaultValue = "${env:FULFILLMENT_HTTP_PORT}",
            description = "Port of the order status API (env FULFILLMENT_HTTP_PORT; 0 = any free port).")
    Integer statusPort;

    @Option(names = "--stripe-rate-limit", defaultValue = "${env:STRIPE_RATE_LIMIT}",
            description = "Stripe calls per second (env STRIPE_RATE_LIMIT; default 1000 with the emulator, 25 with real Stripe).")
    Double stripeRateLimit;

    @Option(names = "--cancellation-settlement", defaultValue = "${env:FULFILLMENT_CANCELLATION_SETTLEMENT:-2s}",
            converter = DurationConverter.class,
            description = "How long an expired checkout waits for an overtaken completion before the order is cancelled "
                    + "(env FULFILLMENT_CANCELLATION_SETTLEMENT; default ${DEFAULT-VALUE}; the service's own default is 2m).")
    Duration cancellationSettlement;

    @Option(names = "--check-interval", defaultValue = "${env:FULFILLMENT_CHECK_INTERVAL:-500ms}",
            converter = DurationConverter.class,
            description = "How often the fulfillment worker applies its time-based rules (default ${DEFAULT-VALUE}).")
    Duration checkInterval;

    /**
     * The configuration, with these ports where none was given.
     *
     * @throws IllegalArgumentException naming the setting and value at fault
     */
    PipelineConfig config(int defaultEmulatorPort, int defaultBridgePort, int defaultStatusPort) {
        PipelineConfig.StripeMode mode = switch (stripe.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "emulator" -> PipelineConfig.StripeMode.EMULATOR;
            case "external" -> PipelineConfig.StripeMode.EXTERNAL;
            default -> throw new IllegalArgumentException("--stripe must be emulator or external. Got: '" + stripe + "'");
        };
        double rate = stripeRateLimit != null ? stripeRateLimit
                : mode == PipelineConfig.StripeMode.EMULATOR || stripeApiBase != null ? 1000 : 25;
        return new PipelineConfig(kafkaBootstrapServers, KafkaSettings.fromEnv(Env.system()).clientSettings(), kafkaPort,
                partitions, mode, stripeApiKey, stripeApiBase, webhookSecret, bindAddress,
                emulatorPort != null ? emulatorPort : defaultEmulatorPort,
                bridgePort != null ? bridgePort : defaultBridgePort,
                statusPort != null ? statusPort : defaultStatusPort,
                rate, cancellationSettlement, checkInterval);
    }
}
