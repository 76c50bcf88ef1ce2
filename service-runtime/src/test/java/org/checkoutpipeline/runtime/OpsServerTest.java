package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean kafkaConnected = new AtomicBoolean(true);
    private final PrometheusMeterRegistry metrics = Metrics.prometheus("test-service");
    private OpsServer server;

    @BeforeEach
    void start() throws Exception {
        Health health = new Health()
                .liveness("consumer", () -> Health.Status.up("polling"))
                .readiness("kafka", () -> kafkaConnected.get()
                        ? Health.Status.up("connected")
                        : Health.Status.down("no broker reachable at k:9092"));
        server = OpsServer.create("127.0.0.1", 0, 4, health, metrics)
                .route("/hello", exchange -> OpsServer.send(exchange, 200, "text/plain", "hi"))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readinessIsUpWhenEveryCheckIs() throws Exception {
        HttpResponse<String> response = get("/readyz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"kafka\":{\"up\":true,\"detail\":\"connected\"}");
    }

    @Test
    void readinessIs503NamingTheFailingCheckWhileLivenessStaysUp() throws Exception {
        kafkaConnected.set(false);

        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"DOWN\"").contains("no broker reachable at k:9092");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusTextWithServiceAndJvmMetrics() throws Exception {
        metrics.counter("orders_consumed").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("orders_consumed_total{service=\"test-service\"} 3.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void serviceRoutesAreServedBesideTheOperationsEndpoints() throws Exception {
        assertThat(get("/hello").body()).isEqualTo("hi");
    }

    @Test
    void healthRefusesOtherMethods() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
