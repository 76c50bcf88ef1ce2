package org.checkoutpipeline.stripeemulator.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Renders webhook endpoints as Stripe's {@code webhook_endpoint} and delivery attempts for the log. */
public final class WebhookJson {

    private WebhookJson() {}

    /** @param withSecret true only in the answer to creating the endpoint, as on Stripe */
    public static Map<String, Object> endpoint(WebhookEndpoint e, boolean withSecret) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", e.id());
        json.put("object", "webhook_endpoint");
        json.put("api_version", e.apiVersion());
        json.put("application", null);
        json.put("created", e.created());
        json.put("description", e.description());
        json.put("enabled_events", e.enabledEvents());
        json.put("livemode", false);
        json.put("metadata", new TreeMap<>(e.metadata()));
        if (withSecret) {
            json.put("secret", e.secret());
        }
        json.put("status", e.disabled() ? "disabled" : "enabled");
        json.put("url", e.url());
        return json;
    }

    public static Map<String, Object> deleted(String id) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", id);
        json.put("object", "webhook_endpoint");
        json.put("deleted", true);
        return json;
    }

    public static Map<String, Object> attempt(DeliveryAttempt a) {
        var json = new LinkedHashMap<String, Object>();
        json.put("sequence", a.sequence());
        json.put("event", a.eventId());
        json.put("event_type", a.eventType());
        json.put("endpoint", a.endpointId());
        json.put("url", a.url());
        json.put("attempt", a.attempt());
        json.put("duplicate", a.duplicate());
        json.put("outcome", a.outcome().wire());
        json.put("http_status", a.httpStatus() == 0 ? null : a.httpStatus());
        json.put("error", a.error());
        json.put("attempted_at", a.attemptedAt().toString());
        json.put("duration_ms", a.durationMillis());
        json.put("next_attempt_at", a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString());
        return json;
    }

    public static Map<String, Object> policy(DeliveryPolicy p) {
        var json = new LinkedHashMap<String, Object>();
        json.put("retry_schedule", p.retrySchedule().toString());
        json.put("max_attempts", p.retrySchedule().maxAttempts());
        json.put("timeout_ms", p.timeout().toMillis());
        json.put("duplicate_rate", p.duplicateRate());
        return json;
    }
}
