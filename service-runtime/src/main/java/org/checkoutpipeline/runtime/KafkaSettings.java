package org.checkoutpipeline.runtime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a service reaches Kafka: {@code KAFKA_BOOTSTRAP_SERVERS}, plus any client setting passed
 * as {@code KAFKA_CLIENT_<NAME>} with dots written as underscores (for example
 * {@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} sets {@code security.protocol}).
 *
 * @param bootstrapServers the {@code bootstrap.servers} value
 * @param clientSettings   extra settings applied to every producer, consumer, admin client and Streams app
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientSettings) {

    public static final String BOOTSTRAP_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String CLIENT_PREFIX = "KAFKA_CLIENT_";

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_VARIABLE + " must be set. Got: '" + bootstrapServers + "'");
        }
        clientSettings = Map.copyOf(clientSettings);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    public static KafkaSettings fromEnv(Env env) {
        String bootstrap = env.string(BOOTSTRAP_VARIABLE, "localhost:9092");
        Map<String, String> settings = new HashMap<>();
        env.variables().forEach((name, value) -> {
            if (name.startsWith(CLIENT_PREFIX) && name.length() > CLIENT_PREFIX.length()) {
                settings.put(name.substring(CLIENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return new KafkaSettings(bootstrap, settings);
    }

    /** Settings for a client: bootstrap servers, the pass-through settings, then the caller's own. */
    public Map<String, Object> clientConfig(Map<String, ?> own) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(clientSettings);
        config.putAll(own);
        return config;
    }

    /** For printing: secrets masked, keys sorted. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", clientSettings="
                + Secrets.maskedSettings(clientSettings) + "]";
    }
}
