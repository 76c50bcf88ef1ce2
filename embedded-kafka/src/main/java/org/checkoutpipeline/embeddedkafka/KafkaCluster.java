package org.checkoutpipeline.embeddedkafka;

/**
 * A running Kafka cluster that clients can connect to: the in-process {@link EmbeddedKafkaBroker}
 * or a container. Tests and the all-in-one runner depend on this, not on how the broker runs.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /** Stops the cluster; idempotent. */
    @Override
    void close();
}
