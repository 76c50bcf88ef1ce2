package org.checkoutpipeline.fulfillment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.junit.jupiter.api.Test;

class FulfillmentConfigTest {

    private static final String TOKEN = "9f86d081884c7d659a2feaa0c55ad015";

    @Test
    void readsEverySettingWithItsDefault() {
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "FULFILLMENT_STATUS_TOKEN", TOKEN)));

        assertThat(config.applicationId()).isEqualTo("fulfillment-worker");
        assertThat(config.httpPort()).isEqualTo(8084);
        assertThat(config.topics()).isEqualTo(FulfillmentTopics.catalogue());
        assertThat(config.orderWaitTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.expiryGrace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.cancellationSettlement()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.streamThreads()).isEqualTo(1);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.statusAccess().tokens()).containsExactly(TOKEN);
    }

    @Test
    void refusesToStartWithoutAStatusTokenUnlessTheNetworkIsDeclaredTrusted() {
        assertThatThrownBy(() -> FulfillmentConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FULFILLMENT_STATUS_TOKEN is not set")
                .hasMessageContaining("port 8084")
                .hasMessageContaining("FULFILLMENT_STATUS_TRUSTED_NETWORK=true");

        FulfillmentConfig trusted = FulfillmentConfig.fromEnv(new Env(Map.of("FULFILLMENT_STATUS_TRUSTED_NETWORK", "true")));
        assertThat(trusted.statusAccess().open()).isTrue();
    }

    @Test
    void refusesAShortStatusTokenWithoutPrintingIt() {
        assertThatThrownBy(() -> FulfillmentConfig.fromEnv(new Env(Map.of("FULFILLMENT_STATUS_TOKEN", TOKEN + ",letmein-please"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FULFILLMENT_STATUS_TOKEN entries must be at least 32 characters")
                .hasMessageContaining("Got one of 14")
                .hasMessageNotContaining("letmein");
    }

    @Test
    void acceptsSeveralTokensWhileOneIsRotatedAndNeverPrintsThem() {
        String next = "0123456789abcdef0123456789abcdef-next";
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(Map.of("FULFILLMENT_STATUS_TOKEN", TOKEN + ", " + next)));

        assertThat(config.statusAccess().tokens()).containsExactly(TOKEN, next);
        assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain(next).contains("2 bearer token(s)");
    }

    @Test
    void reportsEveryBadVariableAtOnceNamingItsValue() {
        Env env = new Env(Map.of(
                "FULFILLMENT_HTTP_PORT", "eighty",
                "FULFILLMENT_ORDER_WAIT_TIMEOUT", "0s",
                "FULFILLMENT_EXPIRY_GRACE", "soon",
                "FULFILLMENT_APPLICATION_ID", "fulfil ment",
                "FULFILLMENT_STATUS_TRUSTED_NETWORK", "true"));

        assertThatThrownBy(() -> FulfillmentConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
                .hasMessageContaining("FULFILLMENT_HTTP_PORT").hasMessageContaining("'eighty'")
                .hasMessageContaining("FULFILLMENT_ORDER_WAIT_TIMEOUT").hasMessageContaining("'0s'")
                .hasMessageContaining("FULFILLMENT_EXPIRY_GRACE").hasMessageContaining("'soon'")
                .hasMessageContaining("FULFILLMENT_APPLICATION_ID").hasMessageContaining("'fulfil ment'");
    }

    @Test
    void printsKafkaSecretsMasked() {
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(Map.of(
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule password=\"hunter2\"",
                "FULFILLMENT_STATUS_TRUSTED_NETWORK", "true")));

        assertThat(config.toString()).doesNotContain("hunter2").contains("sasl.jaas.config=****");
    }
}
