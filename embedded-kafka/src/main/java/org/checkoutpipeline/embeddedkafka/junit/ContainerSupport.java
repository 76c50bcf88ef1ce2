package org.checkoutpipeline.embeddedkafka.junit;

import org.checkoutpipeline.embeddedkafka.KafkaCluster;

/**
 * Keeps every reference to Testcontainers behind a class-path check, so the extension works
 * with the embedded broker alone when Testcontainers is not on the test class path.
 */
final class ContainerSupport {

    /** Whether a Docker engine can run containers here, and if not, why. */
    record Availability(boolean available, String reason) {
    }

    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

    private ContainerSupport() {
    }

    static Availability dockerAvailability() {
        if (!onClassPath()) {
            return new Availability(false, "Testcontainers is not on the test class path "
                    + "(add org.testcontainers:testcontainers-kafka as a test dependency)");
        }
        return ContainerKafkaCluster.dockerAvailability();
    }

    static KafkaCluster start(String image) {
        if (!onClassPath()) {
            throw new IllegalStateException(dockerAvailability().reason());
        }
        return ContainerKafkaCluster.start(image);
    }

    private static boolean onClassPath() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, ContainerSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
