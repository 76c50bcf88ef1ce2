package org.checkoutpipeline.allinone;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.checkoutpipeline.runtime.Secrets;

/**
 * How the all-in-one process runs the pipeline, validated when built and printed once at start-up.
 *
 * @param kafkaBootstrapServers an external Kafka, or null to start a broker in this process
 * @param kafkaClientSettings   extra Kafka client settings (from {@code KAFKA_CLIENT_*}) for every client
 * @param kafkaPort             the embedded broker's port; 0 picks a free one
 * @param partitions            partitions of each main topic created on the embedded broker
 * @param stripeMode            {@link StripeMode#EMULATOR}: run the Stripe emulator here; {@link StripeMode#EXTERNAL}:
 *                              call {@code stripeApiBase} (null = real Stripe) with {@code stripeApiKey}
 * @param stripeApiKey          {@code sk_test_...}
 * @param stripeApiBase         the external Stripe-compatible API, or null for real Stripe (only with EXTERNAL)
 * @param webhookSecret         the {@code whsec_} secret the bridge verifies webhooks with
 * @param bindAddress           the address the emulator, the bridge and the status API listen on; loopback keeps them
 *                              to this machine (and the status API then needs no token)
 * @param emulatorPort          the embedded emulator's port; 0 picks a free one
 * @param bridgePort            the webhook bridge's port; 0 picks a free one
 * @param statusPort            the fulfillment worker's status API port; 0 picks a free one
 * @param stripeRateLimit       the checkout worker's ceiling on Stripe calls per second
 * @param cancellationSettlement how long an expiry waits for an overtaken completion before the order is cancelled
 * @param checkInterval         how often the fulfillment worker evaluates its time-based rules
 */
public record PipelineConfig(
        String kafkaBootstrapServers,
        Map<String, String> kafkaClientSettings,
        int kafkaPort,
        int partitions,
        StripeMode stripeMode,
        String stripeApiKey,
        URI stripeApiBase,
        String webhookSecret,
        String bindAddress,
        int emulatorPort,
        int bridgePort,
        int statusPort,
        double stripeRateLimit,
        Duration cancellationSettlement,
        Duration checkInterval) {

    /** Where Stripe is. */
    public enum StripeMode { EMULATOR, EXTERNAL }

    public static final String LOCAL_WEBHOOK_SECRET = "whsec_all_in_one_local_secret";
    public static final String LOCAL_API_KEY = "sk_test_all_in_one_local";

    public PipelineConfig {
        kafkaClientSettings = Map.copyOf(kafkaClientSettings);
        Objects.requireNonNull(stripeMode, "stripeMode");
        Objects.requireNonNull(cancellationSettlement, "cancellationSettlement");
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (kafkaBootstrapServers != null && kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka bootstrap servers must not be blank. Got: '" + kafkaBootstrapServers + "'");
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must not be blank. Got: '" + bindAddress + "'");
        }
        resolve(bindAddress);
        port("kafka port", kafkaPort);
        port("emulator port", emulatorPort);
        port("bridge port", bridgePort);
        port("status port", statusPort);
        if (partitions < 1 || partitions > 1000) {
            throw new IllegalArgumentException("partitions must be from 1 to 1000. Got: " + partitions);
        }
        if (stripeApiKey == null || !(stripeApiKey.startsWith("sk_") || stripeApiKey.startsWith("rk_"))) {
            throw new IllegalArgumentException("stripe api key must be a secret or restricted key (sk_test_...). Got: '"
                    + Secrets.mask(stripeApiKey) + "'");
        }
        if (stripeMode == StripeMode.EXTERNAL && stripeApiBase == null && stripeApiKey.contains("_live_")) {
            throw new IllegalArgumentException("stripe api key must be a test-mode key (sk_test_...) for real Stripe: "
                    + "this process creates sessions for synthetic orders. Got: '" + Secrets.mask(stripeApiKey) + "'");
        }
        if (stripeMode == StripeMode.EMULATOR && stripeApiBase != null) {
            throw new IllegalArgumentException("stripe api base is only used with --stripe external. Got: '" + stripeApiBase + "'");
        }
        if (webhookSecret == null || !webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("webhook secret must start with whsec_. Got: '" + Secrets.mask(webhookSecret) + "'");
        }
        if (stripeRateLimit <= 0) {
            throw new IllegalArgumentException("stripe rate limit must be positive. Got: " + stripeRateLimit);
        }
        if (cancellationSettlement.isNegative() || checkInterval.isZero() || checkInterval.isNegative()) {
            throw new IllegalArgumentException("cancellation settlement must not be negative and check interval must be "
                    + "positive. Got: " + cancellationSettlement + " and " + checkInterval);
        }
    }

    /** Whether {@link #bindAddress()} is this machine's loopback address, so no other machine can reach what listens on it. */
    public boolean loopbackOnly() {
        return bound().isLoopbackAddress();
    }

    /** How a client on this machine names {@link #bindAddress()}: localhost, unless that is one address only. */
    public String clientHost() {
        InetAddress bound = bound();
        if (bound.isAnyLocalAddress() || bound.isLoopbackAddress()) {
            return "localhost";
        }
        return bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
    }

    private InetAddress bound() {
        return resolve(bindAddress);
    }

    private static InetAddress resolve(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address is not an address of this machine. Got: '" + bindAddress + "'", e);
        }
    }

    public boolean embeddedKafka() {
        return kafkaBootstrapServers == null;
    }

    public boolean embeddedEmulator() {
        return stripeMode == StripeMode.EMULATOR;
    }

    public String describe() {
        Map<String, String> shownSettings = Secrets.maskedSettings(kafkaClientSettings);
        return String.join("\n",
                "checkout-pipeline configuration:",
                "  kafka                   " + (embeddedKafka() ? "embedded broker, port " + portText(kafkaPort) + ", "
                        + partitions + " partitions per topic" : kafkaBootstrapServers) + (shownSettings.isEmpty() ? "" : " " + shownSettings),
                "  stripe                  " + (embeddedEmulator() ? "embedded emulator, port " + portText(emulatorPort)
                        : stripeApiBase == null ? "real Stripe (test mode)" : stripeApiBase.toString())
                        + ", key " + Secrets.mask(stripeApiKey) + ", " + stripeRateLimit + " calls/s",
                "  listening on            " + bindAddress + (loopbackOnly() ? " (this machine only)" : " (reachable from other machines)"),
                "  webhook bridge          port " + portText(bridgePort) + ", secret " + Secrets.mask(webhookSecret),
                "  status API              port " + portText(statusPort),
                "  cancellation settlement " + cancellationSettlement + " (checked every " + checkInterval + ")");
    }

    private static String portText(int port) {
        return port == 0 ? "any free" : String.valueOf(port);
    }

    private static void port(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be from 0 to 65535. Got: " + value);
        }
    }
}
