package org.checkoutpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.embeddedkafka.FreePorts;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.junit.jupiter.api.Test;

/** Started before its broker, the worker opens its port, says why it is not ready, waits, and then starts. */
class LateBrokerTest {

    @Test
    void aWorkerStartedBeforeItsBrokerReportsWhyItIsNotReadyAndStartsOnceTheBrokerIsUp() throws Exception {
        List<Integer> ports = FreePorts.distinct(3);
        int httpPort = ports.get(2);
        FulfillmentConfig config = OrderFlow.workerConfig("127.0.0.1:" + ports.get(0), "late",
                Map.of("FULFILLMENT_HTTP_PORT", String.valueOf(httpPort)));
        FulfillmentWorker worker = new FulfillmentWorker(config);
        Thread starting = new Thread(worker::start, "late-broker-start");
        starting.start();
        try {
            HttpResponse<String> waiting = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> TestHttp.get(httpPort, "/readyz"), response -> response.statusCode() == 503);
            assertThat(waiting.body()).contains("waiting for Kafka");
            assertThat(starting.isAlive()).as("still waiting, not exited").isTrue();

            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(ports.get(0)).controllerPort(ports.get(1))
                    .build().start()) {
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                        .until(() -> TestHttp.get(httpPort, "/readyz").statusCode() == 200);
                starting.join(10_000);
                assertThat(starting.isAlive()).isFalse();
                worker.close();
            }
        } finally {
            starting.interrupt();
        }
    }
}
