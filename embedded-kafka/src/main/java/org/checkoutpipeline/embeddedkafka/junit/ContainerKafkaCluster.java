package org.checkoutpipeline.embeddedkafka.junit;

import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** An {@code apache/kafka} broker in a Docker container, for tests run against the real image. */
final class ContainerKafkaCluster implements KafkaCluster {

    static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    private final KafkaContainer container;

    private ContainerKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    static ContainerSupport.Availability dockerAvailability() {
        try {
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            return new ContainerSupport.Availability(available, available ? "" : "no Docker engine is reachable");
        } catch (RuntimeException e) {
            return new ContainerSupport.Availability(false, "Docker check failed: " + e.getMessage());
        }
    }

    static ContainerKafkaCluster start(String image) {
        KafkaContainer container = new KafkaContainer(image);
        container.start();
        return new ContainerKafkaCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
