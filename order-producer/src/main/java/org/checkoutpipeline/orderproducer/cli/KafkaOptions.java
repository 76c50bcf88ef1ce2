package org.checkoutpipeline.orderproducer.cli;

import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import picocli.CommandLine.Option;

/**
 * How the commands reach Kafka: {@code --bootstrap-servers} (or {@code KAFKA_BOOTSTRAP_SERVERS}),
 * plus any client setting from {@code KAFKA_CLIENT_*} environment variables.
 */
final class KafkaOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}). "
                    + "Other client settings: KAFKA_CLIENT_<NAME> variables, e.g. KAFKA_CLIENT_SECURITY_PROTOCOL.")
    String bootstrapServers;

    KafkaSettings settings() {
        KafkaSettings fromEnv = KafkaSettings.fromEnv(Env.system());
        return new KafkaSettings(bootstrapServers, fromEnv.clientSettings());
    }
}
