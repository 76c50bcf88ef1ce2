package org.checkoutpipeline.fulfillment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.junit.jupiter.api.Test;

class FulfillmentConfigTest {

    @Test
    void readsEverySettingWithItsDefault() {
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")));

        assertThat(config.applicationId()).isEqualTo("fulfillment-worker");
        assertThat(config.httpPort()).isEqualTo(8084);
        assertThat(config.topics()).isEqualTo(FulfillmentTopics.catalogue());
        assertThat(config.orderWaitTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.expiryGrace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.cancellationSettlement()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.streamThreads()).isEqualTo(1);
    }

    @Test
    void reportsEveryBadVariableAtOnceNamingItsValue() {
        Env env = new Env(Map.of(
                "FULFILLMENT_HTTP_PORT", "eighty",
                "FULFILLMENT_ORDER_WAIT_TIMEOUT", "0s",
                "FULFILLMENT_EXPIRY_GRACE", "soon",
                "FULFILLMENT_APPLICATION_ID", "fulfil ment"));

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
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule password=\"hunter2\"")));

        assertThat(config.toString()).doesNotContain("hunter2").contains("sasl.jaas.config=****");
    }
}
