package org.checkoutpipeline.stripeemulator;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A merchant's webhook endpoint for tests: a real HTTP server that verifies every request with
 * stripe-java's {@code Webhook.constructEvent} and the endpoint secret, as the webhook bridge does.
 * It can fail (500) or never answer its first requests, to exercise retries.
 */
final class WebhookReceiver implements AutoCloseable {

    /** An event accepted with 2xx, with the raw request. */
    record Received(Event event, String body, String signature) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final List<HttpExchange> unanswered = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile int failFirst;
    private volatile int hangFirst;

    private WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/stripe/webhook", this::handle);
        server.start();
    }

    /** @param secret the endpoint secret; may be set later, once the emulator has issued it */
    static WebhookReceiver start(String secret) throws IOException {
        return new WebhookReceiver(secret);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stripe/webhook";
    }

    void secret(String value) {
        secret = value;
    }

    /** Answers 500 to the first {@code n} requests. */
    void failFirst(int n) {
        failFirst = n;
    }

    /** Leaves the first {@code n} requests without an answer (until closed). */
    void hangFirst(int n) {
        hangFirst = n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        if (number <= hangFirst) {
            exchange.getRequestBody().readAllBytes();
            unanswered.add(exchange);
            return;
        }
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
            String key = secret;
            if (key == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Event event;
            try {
                event = Webhook.constructEvent(body, signature, key);
            } catch (SignatureVerificationException e) {
                rejected.add(e.getMessage());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            if (number <= failFirst + hangFirst) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            accepted.add(new Received(event, body, signature));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    int requests() {
        return requests.get();
    }

    List<Received> accepted() {
        return List.copyOf(accepted);
    }

    /** Accepted events about an object whose JSON mentions {@code id} (a session, customer...). */
    List<Event> eventsMentioning(String id) {
        return accepted.stream().filter(r -> r.body().contains(id)).map(Received::event).toList();
    }

    /** How many times each event id was accepted. */
    Map<String, Long> deliveriesPerEvent() {
        return accepted.stream().collect(Collectors.groupingBy(r -> r.event().getId(), Collectors.counting()));
    }

    /** Signature verification failures (there should be none). */
    List<String> rejected() {
        return List.copyOf(rejected);
    }

    @Override
    public void close() {
        unanswered.forEach(HttpExchange::close);
        server.stop(0);
        executor.shutdownNow();
    }
}
