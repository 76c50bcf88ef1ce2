package org.checkoutpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.junit.ChildJvm;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL in the middle of the stream, then replaced by a new
 * instance of the same application: {@code read_committed} consumers of {@code fulfillment.events}
 * see exactly one decision per order, none missing and none repeated.
 *
 * <p>The first worker runs in its own JVM so that the kill is a real crash: no close, no commit,
 * an open Kafka transaction left behind, a dirty state directory.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ExactlyOnceRestartTest {

    private static final int FIRST_BATCH = 6_000;
    private static final int ORDERS = 8_000;

    @Test
    void aWorkerKilledMidStreamAndReplacedPublishesEveryDecisionExactlyOnce(KafkaCluster kafka, @TempDir Path stateDir)
            throws Exception {
        FulfillmentTopics topics = FulfillmentTopics.catalogue();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).createAll();
        }
        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000",
                "FULFILLMENT_APPLICATION_ID", "fulfillment-" + prefix,
                "FULFILLMENT_STATE_DIR", stateDir.toString(),
                "FULFILLMENT_HTTP_PORT", "0",
                "FULFILLMENT_STATUS_TRUSTED_NETWORK", "true",
                "FULFILLMENT_CANCELLATION_SETTLEMENT", "0s");
        OrderFlow.publish(kafka.bootstrapServers(), topics, prefix, 0, FIRST_BATCH);

        List<ConsumerRecord<String, SpecificRecord>> decisions = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = OrderFlow.readCommittedConsumer(kafka.bootstrapServers(),
                topics.fulfillmentEvents())) {
            Process first = ChildJvm.start(FulfillmentWorkerMain.class, env, stateDir.resolve("first-worker.log"));
            try {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> decisionsOf(prefix, decisions, consumer) >= FIRST_BATCH / 8);
            } finally {
                ChildJvm.kill(first);
            }
            int beforeCrash = decisionsOf(prefix, decisions, consumer);
            assertThat(beforeCrash).as("decisions visible when the first worker was killed").isLessThan(ORDERS);

            OrderFlow.publish(kafka.bootstrapServers(), topics, prefix, FIRST_BATCH, ORDERS);
            FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(env));
            try (FulfillmentWorker second = new FulfillmentWorker(config).start()) {
                await().atMost(Duration.ofSeconds(120)).until(() -> decisionsOf(prefix, decisions, consumer) >= ORDERS);
                assertThat(second.registry().get("fulfillment.requested").counter().count()).isPositive();
                for (int i = 0; i < 10; i++) {
                    decisionsOf(prefix, decisions, consumer);
                }
            }
        }

        Map<String, List<ConsumerRecord<String, SpecificRecord>>> byOrder = decisions.stream()
                .filter(record -> record.key().startsWith(prefix + "-"))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(byOrder).hasSize(ORDERS);
        assertThat(byOrder.entrySet()).allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).hasSize(1));
        for (int i = 0; i < ORDERS; i++) {
            String orderId = OrderFlow.orderId(prefix, i);
            assertThat(byOrder.get(orderId).get(0).value()).as(orderId)
                    .isInstanceOf(OrderFlow.Kind.of(i).expectedDecision());
        }
        assertThat(new TreeSet<>(byOrder.keySet())).hasSize(ORDERS);
    }

    private static int decisionsOf(String prefix, List<ConsumerRecord<String, SpecificRecord>> decisions,
                                   KafkaConsumer<String, SpecificRecord> consumer) {
        OrderFlow.pollInto(consumer, decisions);
        return (int) decisions.stream().filter(record -> record.key().startsWith(prefix + "-")).count();
    }
}
