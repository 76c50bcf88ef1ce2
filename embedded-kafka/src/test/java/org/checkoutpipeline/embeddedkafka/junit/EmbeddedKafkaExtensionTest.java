package org.checkoutpipeline.embeddedkafka.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class EmbeddedKafkaExtensionTest {

    private static final ContainerSupport.Availability NO_DOCKER =
            new ContainerSupport.Availability(false, "no Docker engine is reachable");

    @Test
    void embeddedBackendRunsWithoutDocker() {
        assertThat(EmbeddedKafkaExtension.evaluate(Backend.EMBEDDED, () -> NO_DOCKER).isDisabled()).isFalse();
    }

    @Test
    void containerBackendWithoutDockerSkipsWithAMessageSayingWhy() {
        ConditionEvaluationResult result = EmbeddedKafkaExtension.evaluate(Backend.TESTCONTAINERS, () -> NO_DOCKER);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("no Docker engine is reachable")
                .contains("checkoutpipeline.kafka=testcontainers"));
    }

    @Test
    void containerBackendWithDockerRuns() {
        ContainerSupport.Availability docker = new ContainerSupport.Availability(true, "");
        assertThat(EmbeddedKafkaExtension.evaluate(Backend.TESTCONTAINERS, () -> docker).isDisabled()).isFalse();
    }

    @Test
    void backendPropertyIsReadCaseInsensitivelyAndDefaultsToEmbedded() {
        assertThat(Backend.fromProperty(null)).isEqualTo(Backend.EMBEDDED);
        assertThat(Backend.fromProperty("TestContainers")).isEqualTo(Backend.TESTCONTAINERS);
    }

    @Test
    void unknownBackendIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> Backend.fromProperty("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'");
    }
}
