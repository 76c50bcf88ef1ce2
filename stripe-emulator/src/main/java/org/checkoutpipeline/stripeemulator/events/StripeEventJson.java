package org.checkoutpipeline.stripeemulator.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Renders {@link StripeEvent}s as Stripe's {@code event} object. */
public final class StripeEventJson {

    private final Function<Object, Map<String, Object>> objects;
    private final ToIntFunction<String> pendingWebhooks;

    /** @param objects renders a snapshot (session, customer, intent...) as its Stripe JSON */
    public StripeEventJson(Function<Object, Map<String, Object>> objects) {
        this(objects, id -> 0);
    }

    /**
     * @param objects renders a snapshot (session, customer, intent...) as its Stripe JSON
     * @param pendingWebhooks how many endpoints have yet to acknowledge an event, by event id
     */
    public StripeEventJson(Function<Object, Map<String, Object>> objects, ToIntFunction<String> pendingWebhooks) {
        this.objects = objects;
        this.pendingWebhooks = pendingWebhooks;
    }

    public Map<String, Object> event(StripeEvent e) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", e.id());
        json.put("object", "event");
        json.put("api_version", StripeEvent.API_VERSION);
        json.put("created", e.created());
        var data = new LinkedHashMap<String, Object>();
        data.put("object", objects.apply(e.dataObject()));
        json.put("data", data);
        json.put("livemode", false);
        json.put("pending_webhooks", pendingWebhooks.applyAsInt(e.id()));
        var request = new LinkedHashMap<String, Object>();
        request.put("id", e.requestId());
        request.put("idempotency_key", e.idempotencyKey());
        json.put("request", request);
        json.put("type", e.type());
        return json;
    }
}
