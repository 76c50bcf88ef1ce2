package org.checkoutpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.runtime.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/**
 * The orders waiting for a time-based rule are indexed in memory only, so an instance that takes
 * over the orders (here: after the first stopped, from a fresh state directory restored from the
 * changelog) must find them again and apply the rules when they fall due.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TimeRulesAfterRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anInstanceTakingOverTheOrdersAppliesTheirTimeRulesWhenDue(KafkaCluster kafka, @TempDir Path stateDir)
            throws Exception {
        String prefix = "time-" + UUID.randomUUID().toString().substring(0, 8);
        MutableClock clock = MutableClock.of(Instant.now(), ZoneOffset.UTC);
        FulfillmentConfig config = OrderFlow.workerConfig(kafka.bootstrapServers(), prefix, Map.of(
                "FULFILLMENT_CHECK_INTERVAL", "200ms",
                "FULFILLMENT_EXPIRY_GRACE", "15m",
                "FULFILLMENT_CANCELLATION_SETTLEMENT", "2m",
                // Kafka Streams does not leave the group on close: the group gives the first instance's
                // tasks to the second once the first's session times out.
                "KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000"));
        FulfillmentTopics topics = config.topics();
        TestEvents open = new TestEvents(prefix + "-open", clock.instant());
        TestEvents failed = new TestEvents(prefix + "-failed", clock.instant());

        try (FulfillmentWorker first = start(config.withStateDir(stateDir.resolve("first")), clock)) {
            OrderFlow.publish(kafka.bootstrapServers(), topics, List.of(
                    open.placed(CheckoutMode.PAYMENT),
                    open.created(CheckoutMode.PAYMENT, clock.instant().plus(Duration.ofMinutes(30))),
                    failed.placed(CheckoutMode.PAYMENT),
                    failed.failed()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(status(first, open.orderId()).get("status").asText()).isEqualTo("CHECKOUT_OPEN");
                assertThat(status(first, failed.orderId()).get("timeline").size()).isEqualTo(2);
            });
            assertThat(status(first, open.orderId()).get("expiryOverdue").asBoolean()).isFalse();
        }

        try (FulfillmentWorker second = start(config.withStateDir(stateDir.resolve("second")), clock);
             KafkaConsumer<String, SpecificRecord> decisions =
                     OrderFlow.readCommittedConsumer(kafka.bootstrapServers(), topics.fulfillmentEvents())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(status(second, open.orderId()).get("status").asText()).isEqualTo("CHECKOUT_OPEN"));
            clock.add(Duration.ofHours(1));

            // The status API works the verdict out when asked; only the punctuation, which needs the
            // rebuilt index, raises the alert (counted) and publishes the decision.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    second.registry().get("fulfillment.sessions.expiry.overdue").counter().count()).isEqualTo(1));
            JsonNode overdue = status(second, open.orderId());
            assertThat(overdue.get("expiryOverdue").asBoolean()).as(overdue.toString()).isTrue();
            List<ConsumerRecord<String, SpecificRecord>> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> OrderFlow.pollInto(decisions, published) >= 1);
            OrderFlow.pollInto(decisions, published);
            assertThat(published).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(failed.orderId());
                assertThat(record.value()).isInstanceOfSatisfying(OrderCancelled.class, cancelled ->
                        assertThat(cancelled.getReason()).isEqualTo(CancellationReason.CHECKOUT_FAILED));
            });
        }
    }

    private static FulfillmentWorker start(FulfillmentConfig config, MutableClock clock) {
        return new FulfillmentWorker(config, clock, Metrics.prometheus("fulfillment-worker")).start();
    }

    private static JsonNode status(FulfillmentWorker instance, String orderId) throws Exception {
        HttpResponse<String> response = TestHttp.get(instance.httpPort(), "/orders/" + orderId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
