package org.checkoutpipeline.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class TopicCreatorTest {

    @Test
    void createsEveryCatalogueTopicOnceAndLeavesExistingOnesAlone(KafkaCluster kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicCreator creator = new TopicCreator(admin, Duration.ofSeconds(30));

            TopicCreator.Result first = creator.createAll();
            TopicCreator.Result second = creator.createAll();

            List<String> catalogue = Topics.all().stream().map(TopicSpec::name).toList();
            assertThat(first.created()).containsExactlyInAnyOrderElementsOf(catalogue);
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(catalogue);

            Map<String, TopicDescription> described = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeTopics(catalogue).allTopicNames().get(30, TimeUnit.SECONDS), all -> true);
            assertThat(described.get("orders.placed").partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
            assertThat(described.get("checkout.events").partitions())
                    .as("co-partitioned with orders.placed").hasSize(Topics.DEFAULT_PARTITIONS);
            assertThat(described.get("orders.placed.dlq").partitions()).hasSize(Topics.DLQ_PARTITIONS);

            ConfigResource status = new ConfigResource(ConfigResource.Type.TOPIC, "orders.status");
            Config config = admin.describeConfigs(Set.of(status)).all().get(30, TimeUnit.SECONDS).get(status);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void partitionCountCanBeOverriddenForSmallDeployments(KafkaCluster kafka) throws Exception {
        String name = "small-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30))
                    .create(List.of(new TopicSpec(name, 12, Map.of(), "test")), 2, (short) 1);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(name).partitions()).hasSize(2));
        }
    }

    @Test
    void replicationFactorBeyondTheClusterFailsNamingTheTopic(KafkaCluster kafka) {
        String name = "replicated-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicCreator creator = new TopicCreator(admin, Duration.ofSeconds(30));
            assertThatThrownBy(() -> creator.create(List.of(new TopicSpec(name, 1, Map.of(), "test")), 0, (short) 3))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot create topic " + name);
        }
    }

    @Test
    void catalogueNamesEveryTopicOfTheDesign() {
        assertThat(Topics.all()).extracting(TopicSpec::name).containsExactly(
                "orders.placed", "checkout.events", "fulfillment.events", "orders.status",
                "orders.placed.dlq", "checkout.events.dlq", "webhook-bridge.checkpoints");
        assertThat(Topics.ORDERS_STATUS.compacted()).isTrue();
        assertThat(Topics.FULFILLMENT_EVENTS.compacted()).isFalse();
        assertThat(Topics.named("checkout.events")).contains(Topics.CHECKOUT_EVENTS);
    }

    @Test
    void topicWithoutPartitionsIsRejected() {
        assertThatThrownBy(() -> new TopicSpec("x", 0, Map.of(), "doc"))
                .hasMessage("Topic x needs at least one partition. Got: 0");
    }
}
