package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void clientSettingsArePassedThroughByPrefix() {
        KafkaSettings settings = KafkaSettings.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "org.apache...PlainLoginModule required password=\"hunter2\";",
                "UNRELATED", "x")));

        Map<String, Object> config = settings.clientConfig(Map.of("acks", "all"));

        assertThat(config).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("acks", "all")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("unrelated");
        assertThat(settings.toString()).contains("security.protocol=SASL_SSL").doesNotContain("hunter2");
    }

    @Test
    void callerSettingsWinOverPassThrough() {
        KafkaSettings settings = new KafkaSettings("k:9092", Map.of("acks", "1"));
        assertThat(settings.clientConfig(Map.of("acks", "all"))).containsEntry("acks", "all");
    }

    @Test
    void secretsAreMaskedButRecognisable() {
        assertThat(Secrets.mask("sk_test_51HxAbCdEfGhYz9Q")).isEqualTo("sk_test_****Yz9Q");
        assertThat(Secrets.mask("whsec_short")).isEqualTo("whsec_****");
        assertThat(Secrets.isSecretName("STRIPE_API_KEY")).isTrue();
        assertThat(Secrets.isSecretName("ssl.truststore.password")).isTrue();
        assertThat(Secrets.isSecretName("bootstrap.servers")).isFalse();
    }
}
