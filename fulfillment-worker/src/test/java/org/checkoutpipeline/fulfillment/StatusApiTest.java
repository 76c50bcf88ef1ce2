package org.checkoutpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application on a real broker: either answers for any order, to a caller with a token. */
@ExtendWith(EmbeddedKafkaExtension.class)
class StatusApiTest {

    private static final int ORDERS = 48;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "status-api-test-token-0123456789abcdef";

    @Test
    void eitherOfTwoInstancesAnswersForEveryOrderAndBothExposeTheirMetrics(KafkaCluster kafka, @TempDir Path stateDir)
            throws Exception {
        String prefix = "status-" + UUID.randomUUID().toString().substring(0, 8);
        FulfillmentConfig config = OrderFlow.workerConfig(kafka.bootstrapServers(), prefix,
                Map.of("FULFILLMENT_CANCELLATION_SETTLEMENT", "0s", "FULFILLMENT_STATUS_TOKEN", "older-token-0123456789abcdef0123, " + TOKEN));
        FulfillmentTopics topics = config.topics();

        try (FulfillmentWorker first = worker(config.withStateDir(stateDir.resolve("a")));
             FulfillmentWorker second = worker(config.withStateDir(stateDir.resolve("b")))) {
            OrderFlow.publish(kafka.bootstrapServers(), topics, prefix, 0, ORDERS);
            List<FulfillmentWorker> instances = List.of(first, second);

            for (int i = 0; i < ORDERS; i++) {
                String orderId = OrderFlow.orderId(prefix, i);
                String expected = OrderFlow.Kind.of(i).expectedDecision() == FulfillmentRequested.class
                        ? "FULFILLMENT_REQUESTED" : "CANCELLED";
                for (FulfillmentWorker instance : instances) {
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        HttpResponse<String> response = get(instance, "/orders/" + orderId);
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        JsonNode status = JSON.readTree(response.body());
                        assertThat(status.get("orderId").asText()).isEqualTo(orderId);
                        assertThat(status.get("status").asText()).isEqualTo(expected);
                        assertThat(status.get("timeline").size()).isGreaterThanOrEqualTo(2);
                        assertThat(status.get("timeline").get(0).get("eventType").asText()).isEqualTo("OrderPlaced");
                        assertThat(status.get("timeline").get(0).get("occurredAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
                    });
                }
            }
            HttpResponse<String> paid = get(first, "/orders/" + OrderFlow.orderId(prefix, 0));
            JsonNode paidStatus = JSON.readTree(paid.body());
            assertThat(paidStatus.get("checkoutSessionId").asText()).isEqualTo("cs_test_" + OrderFlow.orderId(prefix, 0));
            assertThat(paidStatus.get("checkoutUrl").asText()).startsWith("https://checkout.stripe.com/");
            assertThat(paidStatus.get("amountTotal").get("amount").asLong()).isEqualTo(TestEvents.AMOUNT);

            for (FulfillmentWorker instance : instances) {
                String someOrder = "/orders/" + OrderFlow.orderId(prefix, 1);
                HttpResponse<String> anonymous = TestHttp.get(instance.httpPort(), someOrder);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"order-status\"");
                assertThat(anonymous.body()).contains("Authorization: Bearer").doesNotContain(OrderFlow.orderId(prefix, 1));
                HttpResponse<String> guessed = TestHttp.get(instance.httpPort(), someOrder,
                        Map.of("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1) + "x"));
                assertThat(guessed.statusCode()).isEqualTo(401);
                assertThat(guessed.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
                assertThat(TestHttp.get(instance.httpPort(), someOrder,
                        Map.of("Authorization", "bearer older-token-0123456789abcdef0123")).statusCode())
                        .as("the older of two tokens, the scheme in lower case").isEqualTo(200);
                assertThat(get(instance, "/orders/never-placed").statusCode()).isEqualTo(404);
                String metrics = get(instance, "/metrics").body();
                assertThat(metrics).contains("fulfillment_requested_total", "kafka_stream_");
                assertThat(ordersHeld(metrics)).as("orders held by each instance (so the other had to forward)")
                        .isPositive();
                assertThat(metrics).contains(
                        "fulfillment_status_requests_refused_total{reason=\"missing\",service=\"fulfillment-worker\"} 1.0",
                        "fulfillment_status_requests_refused_total{reason=\"invalid\",service=\"fulfillment-worker\"} 1.0");
                assertThat(TestHttp.get(instance.httpPort(), "/readyz").statusCode()).as("operations endpoints need no token")
                        .isEqualTo(200);
            }
        }
    }

    private static FulfillmentWorker worker(FulfillmentConfig config) {
        return new FulfillmentWorker(config).start();
    }

    private static HttpResponse<String> get(FulfillmentWorker instance, String path) throws Exception {
        return TestHttp.get(instance.httpPort(), path, Map.of("Authorization", "Bearer " + TOKEN));
    }

    private static double ordersHeld(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("fulfillment_orders{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
