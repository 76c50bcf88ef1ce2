package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.embeddedkafka.FreePorts;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.junit.jupiter.api.Test;

/** Started before its broker, the bridge opens its port, answers 503 saying why, and starts once Kafka answers. */
class LateBrokerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBridgeStartedBeforeItsBrokerAnswers503AndReportsWhyUntilTheBrokerIsUp() throws Exception {
        List<Integer> ports = FreePorts.distinct(3);
        int httpPort = ports.get(2);
        WebhookBridgeConfig config = WebhookBridgeConfig.builder(KafkaSettings.of("127.0.0.1:" + ports.get(0)),
                List.of(BridgeHarness.SECRET)).httpPort(httpPort).shutdownGrace(Duration.ZERO).build();
        WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Thread starting = new Thread(() -> bridge.start(admin -> new TopicCreator(admin, Duration.ofSeconds(20)).createAll()),
                "late-broker-bridge");
        starting.start();
        try {
            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> get(httpPort, "/readyz"), response -> response.statusCode() == 503);
            assertThat(ready.body()).contains("waiting for Kafka");
            HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/stripe/webhook")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(webhook.statusCode()).isEqualTo(503);
            assertThat(webhook.headers().firstValue("Retry-After")).isPresent();

            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(ports.get(0)).controllerPort(ports.get(1))
                    .build().start()) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(httpPort, "/readyz").statusCode() == 200);
                starting.join(10_000);
                assertThat(starting.isAlive()).isFalse();
                bridge.close();
            }
        } finally {
            starting.interrupt();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
