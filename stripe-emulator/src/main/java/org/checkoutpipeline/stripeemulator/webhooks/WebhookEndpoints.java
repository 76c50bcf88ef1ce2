package org.checkoutpipeline.stripeemulator.webhooks;

import org.checkoutpipeline.stripeemulator.api.ApiVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.store.Ids;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;

/**
 * The registered webhook endpoints. At most {@value #MAX_ENDPOINTS}, Stripe's limit per account.
 *
 * <pre>{@code
 * WebhookEndpoint endpoint = emulator.webhooks().register("http://localhost:8080/stripe/webhook",
 *         "whsec_local", List.of("*"));
 * }</pre>
 */
public final class WebhookEndpoints {

    public static final int MAX_ENDPOINTS = 16;

    private final ObjectIndex<WebhookEndpoint> endpoints = new ObjectIndex<>(MAX_ENDPOINTS * 4, e -> true);
    private final Ids ids;
    private final EmulatorClock clock;

    public WebhookEndpoints(Ids ids, EmulatorClock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /** Registers an endpoint receiving every event, signed with {@code secret}. */
    public WebhookEndpoint register(String url, String secret) {
        return register(url, secret, List.of("*"));
    }

    /** Registers an endpoint; a null secret gets a new random {@code whsec_} one. */
    public WebhookEndpoint register(String url, String secret, List<String> enabledEvents) {
        return register(url, secret, enabledEvents, null, Map.of(), ApiVersion.DEFAULT);
    }

    public synchronized WebhookEndpoint register(String url, String secret, List<String> enabledEvents,
            String description, Map<String, String> metadata, ApiVersion apiVersion) {
        WebhookEndpoint.requireHttpUrl(url, "webhook endpoint URL");
        if (enabledEvents.isEmpty()) {
            throw new IllegalArgumentException("enabled events must not be empty; use '*' for all");
        }
        enabledEvents.forEach(type -> WebhookEndpoint.requireEventType(type, "enabled event"));
        if (secret != null && secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be blank");
        }
        if (endpoints.size() >= MAX_ENDPOINTS) {
            throw new IllegalStateException("You have reached the maximum of " + MAX_ENDPOINTS
                    + " test webhook endpoints; delete one first.");
        }
        var endpoint = new WebhookEndpoint(ids.next("we_"), url, enabledEvents,
                secret == null ? WebhookSignature.newSecret() : secret, description, metadata,
                clock.epochSecond(), false, apiVersion.wire());
        endpoints.insert(endpoint.id(), endpoint);
        return endpoint;
    }

    public WebhookEndpoint get(String id) {
        return endpoints.get(id);
    }

    /** Replaces an endpoint's settings (its secret stays); null when the id is unknown. */
    public WebhookEndpoint update(String id, java.util.function.UnaryOperator<WebhookEndpoint> change) {
        return endpoints.update(id, change);
    }

    /** Removes an endpoint; deliveries still waiting for it are dropped. Returns it, or null. */
    public synchronized WebhookEndpoint delete(String id) {
        WebhookEndpoint endpoint = endpoints.get(id);
        if (endpoint != null) {
            endpoints.remove(id);
        }
        return endpoint;
    }

    /** The endpoints an event of this type goes to. */
    public List<WebhookEndpoint> wanting(String eventType) {
        var matching = new ArrayList<WebhookEndpoint>(2);
        for (WebhookEndpoint endpoint : endpoints.all()) {
            if (endpoint.wants(eventType)) {
                matching.add(endpoint);
            }
        }
        return matching;
    }

    public ObjectIndex<WebhookEndpoint> index() {
        return endpoints;
    }
}
