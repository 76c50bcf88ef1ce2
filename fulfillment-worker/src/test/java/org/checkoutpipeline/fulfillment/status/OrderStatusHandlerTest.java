package org.checkoutpipeline.fulfillment.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.state.HostInfo;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.checkoutpipeline.fulfillment.TestHttp;
import org.checkoutpipeline.fulfillment.state.EventFacts;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.runtime.Health;
import org.checkoutpipeline.runtime.OpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** The status API's HTTP contract, with the order lookup answering as told. */
class OrderStatusHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrderDecider DECIDER = new OrderDecider(
            new OrderDecider.Rules(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(2)));

    private OpsServer server;
    private OpsServer owner;

    @AfterEach
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (owner != null) {
            owner.close();
        }
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhileStateMigrates() throws Exception {
        int port = serve(orderId -> new OrderLookup.Unavailable("partition 3 is restoring"));

        HttpResponse<String> response = get(port, "/orders/o-1", false);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("partition 3 is restoring");
    }

    @Test
    void answersNotFoundForAnOrderNeverSeen() throws Exception {
        int port = serve(orderId -> new OrderLookup.NotFound());

        HttpResponse<String> response = get(port, "/orders/o-404", false);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("o-404");
    }

    @Test
    void forwardsToTheOwningInstanceOnceAndReturnsItsAnswer() throws Exception {
        OrderFacts order = OrderFacts.empty("o-1")
                .with(EventFacts.of(new TestEvents("o-1", NOW).placed(CheckoutMode.PAYMENT)), NOW);
        owner = server(orderId -> new OrderLookup.Found(order));
        int ownerPort = owner.port();
        int port = serve(orderId -> new OrderLookup.Elsewhere(new HostInfo("127.0.0.1", ownerPort)));

        HttpResponse<String> forwarded = get(port, "/orders/o-1", false);
        HttpResponse<String> forwardedTwice = get(port, "/orders/o-1", true);

        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(forwarded.body()).contains("\"status\":\"PLACED\"", "\"orderId\":\"o-1\"");
        assertThat(forwardedTwice.statusCode()).isEqualTo(503);
        assertThat(forwardedTwice.headers().firstValue("Retry-After")).isPresent();
    }

    private int serve(OrderLookup lookup) throws Exception {
        server = server(lookup);
        return server.port();
    }

    private static OpsServer server(OrderLookup lookup) throws Exception {
        return OpsServer.create("127.0.0.1", 0, 2, new Health(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .route(OrderStatusHandler.PATH, new OrderStatusHandler(lookup, DECIDER, MutableClock.of(NOW, ZoneOffset.UTC),
                        HttpClient.newHttpClient(), Duration.ofSeconds(5)))
                .start();
    }

    private static HttpResponse<String> get(int port, String path, boolean alreadyForwarded) throws Exception {
        return TestHttp.get(port, path,
                alreadyForwarded ? Map.of(OrderStatusHandler.FORWARDED_HEADER, "1") : Map.of());
    }
}
