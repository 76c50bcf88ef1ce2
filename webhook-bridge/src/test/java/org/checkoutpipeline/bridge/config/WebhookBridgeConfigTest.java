package org.checkoutpipeline.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.junit.jupiter.api.Test;

class WebhookBridgeConfigTest {

    @Test
    void toStringMasksTheWebhookSecretsAndTheApiKey() {
        WebhookBridgeConfig config = WebhookBridgeConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "STRIPE_WEBHOOK_SECRET", "whsec_currentAbCdEfGh1234,whsec_previousIjKlMnOp5678",
                "STRIPE_API_KEY", "sk_test_51HxAbCdEfGhYz9Q")));

        assertThat(config.toString())
                .contains("whsec_****1234", "whsec_****5678", "sk_test_****Yz9Q")
                .doesNotContain("currentAbCdEfGh", "previousIjKlMnOp", "51HxAbCdEfGh");
    }

    @Test
    void fromEnvDefaultsAreTheBuildersExceptPortAndReconcileInterval() {
        WebhookBridgeConfig fromEnv = WebhookBridgeConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "STRIPE_WEBHOOK_SECRET", "whsec_abc")));
        WebhookBridgeConfig built = WebhookBridgeConfig.builder(KafkaSettings.of("kafka:9092"), List.of("whsec_abc")).build();

        assertThat(fromEnv.httpPort()).isEqualTo(8082);
        assertThat(built.httpPort()).isZero();
        assertThat(fromEnv.reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(built.reconcileInterval()).isZero();
        assertThat(fromEnv).usingRecursiveComparison()
                .ignoringFields("kafka", "httpPort", "reconcileInterval")
                .isEqualTo(built);
    }
}
