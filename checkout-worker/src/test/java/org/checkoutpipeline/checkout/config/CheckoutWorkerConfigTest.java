package org.checkoutpipeline.checkout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.junit.jupiter.api.Test;

class CheckoutWorkerConfigTest {

    @Test
    void readsEveryVariableAndMasksTheKeyWhenPrinted() {
        CheckoutWorkerConfig config = CheckoutWorkerConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "STRIPE_API_KEY", "sk_test_51HxAbCdEfGhYz9Q",
                "STRIPE_API_BASE", "http://stripe-emulator:12111",
                "CHECKOUT_CONCURRENCY", "32",
                "STRIPE_RATE_LIMIT", "90",
                "CHECKOUT_RETRY_BUDGET", "5m",
                "HOSTNAME", "worker-7")));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.concurrency()).isEqualTo(32);
        assertThat(config.rateLimitPerSecond()).isEqualTo(90);
        assertThat(config.retryBudget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.transactionalId()).isEqualTo("checkout-worker-worker-7");
        assertThat(config.stripeApiBase()).hasToString("http://stripe-emulator:12111");
        assertThat(config.describe()).contains("sk_test_****Yz9Q").doesNotContain("51HxAbCdEfGh");
    }

    @Test
    void rateLimitDefaultsToStripesLimitForTheKeysMode() {
        assertThat(CheckoutWorkerConfig.fromEnv(new Env(Map.of("STRIPE_API_KEY", "sk_test_abc"))).rateLimitPerSecond()).isEqualTo(25);
        assertThat(CheckoutWorkerConfig.fromEnv(new Env(Map.of("STRIPE_API_KEY", "sk_live_abc"))).rateLimitPerSecond()).isEqualTo(100);
    }

    @Test
    void everyBadVariableIsReportedAtOnce() {
        assertThatThrownBy(() -> CheckoutWorkerConfig.fromEnv(new Env(Map.of(
                "STRIPE_API_KEY", "pk_test_publishable",
                "CHECKOUT_CONCURRENCY", "0",
                "STRIPE_API_BASE", "stripe-emulator:12111"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "STRIPE_API_KEY must be a secret or restricted key (sk_test_..., sk_live_..., rk_...). Got: 'pk_test_****able'",
                        "STRIPE_API_BASE must be an absolute http(s) URL. Got: 'stripe-emulator:12111'",
                        "CHECKOUT_CONCURRENCY must be an integer from 1 to 1024. Got: '0'"));
    }

    @Test
    void missingApiKeyIsNamed() {
        assertThatThrownBy(() -> CheckoutWorkerConfig.fromEnv(new Env(Map.of())))
                .hasMessageContaining("STRIPE_API_KEY must be set");
    }

    @Test
    void anEmbeddingProcessAppliesTheVariablesSetAndKeepsItsOwnChoicesForTheRest() {
        CheckoutWorkerConfig.Builder builder = CheckoutWorkerConfig.builder(org.checkoutpipeline.runtime.KafkaSettings.of("k:9092"),
                        "sk_test_x", null)
                .transactionalId("checkout-worker-all-in-one").commitInterval(Duration.ofMillis(50)).rateLimitPerSecond(1000);

        CheckoutWorkerConfig config = CheckoutWorkerConfig.withEnv(builder, new Env(Map.of(
                "CHECKOUT_CONCURRENCY", "8", "CHECKOUT_SESSION_TIMEOUT", "10s", "CHECKOUT_INSTANCE_ID", "web-1"))).build();

        assertThat(config.concurrency()).isEqualTo(8);
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.instanceId()).isEqualTo("web-1");
        assertThat(config.transactionalId()).isEqualTo("checkout-worker-all-in-one");
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.rateLimitPerSecond()).isEqualTo(1000);
        assertThat(config.httpPort()).isZero();
    }
}
