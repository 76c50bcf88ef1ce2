package org.checkoutpipeline.embeddedkafka.junit;

import java.util.Locale;
import java.util.function.Supplier;

import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running Kafka cluster as a {@link KafkaCluster} parameter (of a test method,
 * lifecycle method or constructor). One cluster is shared by every test class of the run, started
 * on first use and stopped when the run ends; tests keep apart by using their own topics and
 * group ids.
 *
 * <p>The cluster is an in-process {@link EmbeddedKafkaBroker} unless the system property
 * {@value #BACKEND_PROPERTY} is {@code testcontainers}: then it is an {@code apache/kafka}
 * container (image from {@value #IMAGE_PROPERTY}, default {@value ContainerKafkaCluster#DEFAULT_IMAGE}),
 * and without a Docker engine every test using this extension is skipped with a message saying
 * why. That variant needs {@code org.testcontainers:testcontainers-kafka} on the test class path.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class OrderFlowTest {
 *     @Test
 *     void publishesOrder(KafkaCluster kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements ParameterResolver, ExecutionCondition {

    public static final String BACKEND_PROPERTY = "checkoutpipeline.kafka";
    public static final String IMAGE_PROPERTY = "checkoutpipeline.kafka.image";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    /** Where the shared cluster comes from. */
    enum Backend {
        EMBEDDED, TESTCONTAINERS;

        static Backend fromProperty(String value) {
            if (value == null || value.isBlank()) {
                return EMBEDDED;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("System property " + BACKEND_PROPERTY
                        + " must be 'embedded' or 'testcontainers'. Got: '" + value + "'", e);
            }
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(backend(), ContainerSupport::dockerAvailability);
    }

    static ConditionEvaluationResult evaluate(Backend backend, Supplier<ContainerSupport.Availability> dockerCheck) {
        if (backend == Backend.EMBEDDED) {
            return ConditionEvaluationResult.enabled("Kafka: in-process embedded broker");
        }
        ContainerSupport.Availability docker = dockerCheck.get();
        if (!docker.available()) {
            return ConditionEvaluationResult.disabled("SKIPPED: " + BACKEND_PROPERTY
                    + "=testcontainers asks for a Kafka container, but " + docker.reason()
                    + ". Run without -D" + BACKEND_PROPERTY + " to use the embedded broker.");
        }
        return ConditionEvaluationResult.enabled("Kafka: Testcontainers");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return sharedCluster(context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not start Kafka for the tests: " + e.getMessage(), e);
        }
    }

    private static KafkaCluster sharedCluster(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.computeIfAbsent(KafkaCluster.class, key -> startCluster(), KafkaCluster.class);
    }

    private static KafkaCluster startCluster() {
        return switch (backend()) {
            case EMBEDDED -> EmbeddedKafkaBroker.builder().build().start();
            case TESTCONTAINERS -> ContainerSupport.start(System.getProperty(IMAGE_PROPERTY, ContainerKafkaCluster.DEFAULT_IMAGE));
        };
    }

    private static Backend backend() {
        return Backend.fromProperty(System.getProperty(BACKEND_PROPERTY));
    }
}
