package org.checkoutpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.runtime.Env;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    private static final HostInfo SELF = new HostInfo("worker-1", 8084);

    @Test
    void runsExactlyOnceWithTheWorkersDefaults() {
        Properties properties = propertiesFor(Map.of());

        assertThat(properties).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "worker-1:8084")
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        assertThat(producerCompression(properties)).isEqualTo("lz4");
    }

    @Test
    void kafkaClientVariablesOverrideTheCompression() {
        assertThat(producerCompression(propertiesFor(Map.of("KAFKA_CLIENT_COMPRESSION_TYPE", "zstd")))).isEqualTo("zstd");
        assertThat(producerCompression(propertiesFor(Map.of("KAFKA_CLIENT_PRODUCER_COMPRESSION_TYPE", "none"))))
                .isEqualTo("none");
    }

    /** What Kafka Streams hands its producer, after its own rules of precedence. */
    private static Object producerCompression(Properties properties) {
        return new StreamsConfig(properties).getProducerConfigs("client").get(ProducerConfig.COMPRESSION_TYPE_CONFIG);
    }

    private static Properties propertiesFor(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        env.put("FULFILLMENT_STATUS_TRUSTED_NETWORK", "true");
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(env));
        return FulfillmentWorker.streamsProperties(config, SELF);
    }
}
