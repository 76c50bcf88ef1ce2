package org.checkoutpipeline.bridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.stripe.model.Event;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutpipeline.bridge.WebhookEvents;
import org.checkoutpipeline.bridge.mapping.EventMapper;
import org.checkoutpipeline.bridge.publish.EventPublisher.PublishFailedException;
import org.checkoutpipeline.bridge.verify.RejectedWebhook;
import org.checkoutpipeline.bridge.verify.RejectedWebhook.Reason;
import org.checkoutpipeline.bridge.verify.WebhookVerifier;
import org.checkoutpipeline.runtime.OpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /stripe/webhook}: reads the raw body (at most {@code maxBodyBytes}), verifies its
 * signature before parsing anything, publishes the event and only then answers 200. Anything
 * forged, stale or malformed gets a 4xx and publishes nothing; a Kafka that does not acknowledge
 * in time gets a 503 with {@code Retry-After}, so Stripe delivers the event again.
 */
public final class WebhookHandler implements HttpHandler {

    public static final String PATH = "/stripe/webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookVerifier verifier;
    private final WebhookEvents events;
    private final java.util.function.BooleanSupplier ready;
    private final int maxBodyBytes;
    private final int retryAfterSeconds;
    private final MeterRegistry metrics;
    private final Counter received;
    private final Counter verified;

    /** @param ready false until the bridge may publish (Kafka answered at start-up): webhooks get 503 until then */
    public WebhookHandler(WebhookVerifier verifier, WebhookEvents events, java.util.function.BooleanSupplier ready,
                          int maxBodyBytes, int retryAfterSeconds, MeterRegistry metrics) {
        this.ready = ready;
        this.verifier = verifier;
        this.events = events;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
        this.metrics = metrics;
        this.received = Counter.builder("webhooks_received").description("Webhook requests received").register(metrics);
        this.verified = Counter.builder("webhooks_verified").description("Webhooks whose signature verified").register(metrics);
        for (RejectedWebhook.Reason reason : RejectedWebhook.Reason.values()) {
            rejected(reason);   // exported at zero from the start
        }
    }

    private Counter rejected(RejectedWebhook.Reason reason) {
        return Counter.builder("webhooks_rejected").tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .description("Webhook requests refused, by reason").register(metrics);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            reply(exchange, 404, "{\"error\":\"no such path\"}");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            reply(exchange, 405, "{\"error\":\"use POST\"}");
            return;
        }
        received.increment();
        if (!ready.getAsBoolean()) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            reply(exchange, 503, "{\"error\":\"starting: waiting for Kafka, retry later\"}");
            return;
        }
        Event event;
        try {
            String payload = readBody(exchange);
            event = verifier.verify(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"));
        } catch (RejectedWebhook e) {
            rejected(e.reason()).increment();
            log.warn("Rejected webhook from {}: {} ({})", exchange.getRemoteAddress(), e.reason(), e.getMessage());
            reply(exchange, e.reason().status(), "{\"error\":" + quote(e.getMessage()) + "}");
            return;
        }
        verified.increment();
        try {
            WebhookEvents.Outcome outcome = events.handle(event);
            reply(exchange, 200, "{\"received\":true,\"outcome\":\"" + outcome.name().toLowerCase() + "\"}");
        } catch (PublishFailedException e) {
            log.warn("Could not publish {} ({}); answering 503 so Stripe retries: {}", event.getId(), event.getType(), e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            reply(exchange, 503, "{\"error\":\"event not stored yet, retry later\"}");
        } catch (EventMapper.SessionUnreadException e) {
            log.warn("Answering 503 to {} ({}) so Stripe delivers it again: {}", event.getId(), event.getType(), e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
            reply(exchange, 503, "{\"error\":" + quote(e.getMessage()) + "}");
        } catch (IllegalArgumentException e) {
            log.warn("Verified event {} could not be read: {}", event.getId(), e.getMessage());
            reply(exchange, 400, "{\"error\":" + quote(e.getMessage()) + "}");
        }
    }

    private String readBody(HttpExchange exchange) throws IOException, RejectedWebhook {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && parseLong(declared) > maxBodyBytes) {
                discard(in);
                throw new RejectedWebhook(Reason.TOO_LARGE, "Body of " + declared + " bytes exceeds the " + maxBodyBytes + "-byte limit");
            }
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                discard(in);
                throw new RejectedWebhook(Reason.TOO_LARGE, "Body exceeds the " + maxBodyBytes + "-byte limit");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads what is left of an oversized body (up to a bound) so the client, still sending, gets to
     * read the 413 instead of a reset connection.
     */
    private void discard(InputStream in) throws IOException {
        long left = 16L * maxBodyBytes;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        OpsServer.send(exchange, status, "application/json", json);
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text == null ? "" : text).toString();
    }
}
