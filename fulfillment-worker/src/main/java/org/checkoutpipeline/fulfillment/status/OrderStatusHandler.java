package org.checkoutpipeline.fulfillment.status;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderEvents;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.runtime.OpsServer;

/**
 * {@code GET /orders/{orderId}}: 200 with the order's {@link StatusView}; 404 for an order never
 * seen; 503 with {@code Retry-After} while the order's state is starting up, rebalancing or being
 * restored. An instance that does not own the order forwards the request once to the one that
 * does; a forwarded request is never forwarded again, so stale metadata cannot make a loop.
 */
public final class OrderStatusHandler implements HttpHandler {

    public static final String PATH = "/orders/";
    /** Marks a request forwarded by another instance. */
    static final String FORWARDED_HEADER = "X-Fulfillment-Forwarded";
    static final String RETRY_AFTER_SECONDS = "1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final OrderLookup lookup;
    private final OrderDecider decider;
    private final Clock clock;
    private final HttpClient client;
    private final Duration forwardTimeout;

    public OrderStatusHandler(OrderLookup lookup, OrderDecider decider, Clock clock, HttpClient client,
                              Duration forwardTimeout) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = Objects.requireNonNull(client, "client");
        this.forwardTimeout = Objects.requireNonNull(forwardTimeout, "forwardTimeout");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!OpsServer.requireGet(exchange)) {
            return;
        }
        String rawId = exchange.getRequestURI().getRawPath().substring(PATH.length());
        String orderId = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        if (orderId.isBlank() || orderId.contains("/")) {
            error(exchange, 404, "No such resource: GET " + PATH + "{orderId} takes one order id. Got: '" + orderId + "'");
            return;
        }
        OrderLookup.Result result = lookup.find(orderId);
        if (result instanceof OrderLookup.Found found) {
            OrderFacts order = found.order();
            StatusView view = StatusView.of(OrderEvents.statusOf(order, decider.decide(order, Instant.now(clock))));
            OpsServer.send(exchange, 200, "application/json", JSON.writeValueAsString(view));
        } else if (result instanceof OrderLookup.NotFound) {
            error(exchange, 404, "Unknown order '" + orderId + "': no event of it has been processed");
        } else if (result instanceof OrderLookup.Unavailable unavailable) {
            unavailable(exchange, "Order state not available: " + unavailable.reason());
        } else if (result instanceof OrderLookup.Elsewhere elsewhere) {
            forward(exchange, rawId, elsewhere.owner());
        }
    }

    private void forward(HttpExchange exchange, String rawId, HostInfo owner) throws IOException {
        if (exchange.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
            unavailable(exchange, "Order state is moving between instances (forwarded here, but owned by "
                    + owner.host() + ":" + owner.port() + ")");
            return;
        }
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + PATH + rawId);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(forwardTimeout)
                .header(FORWARDED_HEADER, "1").GET();
        // The owner checks the caller's credentials too: every instance accepts the same tokens.
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            unavailable(exchange, "The instance owning the order, " + owner.host() + ":" + owner.port()
                    + ", did not answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(exchange, "Interrupted while asking " + owner.host() + ":" + owner.port());
            return;
        }
        for (String header : new String[] {"Retry-After", "WWW-Authenticate"}) {
            response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
        }
        OpsServer.send(exchange, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
    }

    private static void unavailable(HttpExchange exchange, String message) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
        error(exchange, 503, message);
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        OpsServer.send(exchange, status, "application/json", json(Map.of("error", message)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
