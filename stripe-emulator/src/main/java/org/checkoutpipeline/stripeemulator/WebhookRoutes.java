package org.checkoutpipeline.stripeemulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ApiVersion;
import org.checkoutpipeline.stripeemulator.api.ApiRequest;
import org.checkoutpipeline.stripeemulator.api.ApiResult;
import org.checkoutpipeline.stripeemulator.api.ListParams;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.api.Router;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.checkoutpipeline.stripeemulator.store.Page;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryAttempt;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryPolicy;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookDispatcher;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookEndpoint;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookEndpoints;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookJson;

/**
 * Stripe's {@code /v1/webhook_endpoints} API and the emulator's webhook controls:
 * {@code GET /_emulator/webhook_deliveries} (every attempt) and {@code /_emulator/webhooks/settings}.
 */
final class WebhookRoutes {

    private static final Set<String> CREATE = Set.of("url", "enabled_events", "description", "metadata",
            "api_version", "connect", "expand");
    private static final Set<String> UPDATE = Set.of("url", "enabled_events", "description", "metadata",
            "disabled", "expand");
    private static final Set<String> SETTINGS = Set.of("retry_schedule", "timeout_ms", "duplicate_rate");

    private final WebhookEndpoints endpoints;
    private final WebhookDispatcher dispatcher;

    WebhookRoutes(WebhookEndpoints endpoints, WebhookDispatcher dispatcher) {
        this.endpoints = endpoints;
        this.dispatcher = dispatcher;
    }

    Router addTo(Router router) {
        return router
                .stripe("POST", "/v1/webhook_endpoints", this::create)
                .stripe("GET", "/v1/webhook_endpoints", this::list)
                .stripe("GET", "/v1/webhook_endpoints/{webhook_endpoint}", this::retrieve)
                .stripe("POST", "/v1/webhook_endpoints/{webhook_endpoint}", this::update)
                .stripe("DELETE", "/v1/webhook_endpoints/{webhook_endpoint}", this::delete)
                .emulator("GET", "/_emulator/webhook_deliveries", this::deliveries)
                .emulator("GET", "/_emulator/webhooks/settings",
                        r -> ApiResult.ok(() -> WebhookJson.policy(dispatcher.policy())))
                .emulator("POST", "/_emulator/webhooks/settings", this::configure);
    }

    private ApiResult create(ApiRequest request) {
        Params params = request.params();
        params.requireOnly(CREATE, "");
        String url = url(params.requiredString("url", ""), "url");
        List<String> events = enabledEvents(params);
        ApiVersion apiVersion = ApiVersion.parse(params.nonEmptyString("api_version", ""), "api_version");
        String connect = params.nonEmptyString("connect", "");
        if ("true".equals(connect)) {
            throw ApiError.invalid(null, "connect", "Connect webhook endpoints are not emulated.");
        }
        WebhookEndpoint endpoint;
        try {
            endpoint = endpoints.register(url, null, events, params.nonEmptyString("description", ""),
                    Metadata.parse(params.object("metadata", ""), "metadata", s -> s), apiVersion);
        } catch (IllegalStateException e) {
            throw ApiError.invalid(null, "url", e.getMessage());
        }
        return ApiResult.ok(() -> WebhookJson.endpoint(endpoint, true));
    }

    private ApiResult list(ApiRequest request) {
        ListParams list = ListParams.read(request.params(), Set.of());
        list.requireCursorExists(id -> endpoints.get(id) != null, "webhook endpoint");
        Page<WebhookEndpoint> page = Page.of(endpoints.index(), e -> true, list.limit(),
                list.startingAfter(), list.endingBefore());
        return ApiResult.ok(() -> page.toJson("/v1/webhook_endpoints", e -> WebhookJson.endpoint(e, false)));
    }

    private ApiResult retrieve(ApiRequest request) {
        request.params().requireOnly(Set.of("expand"), "");
        WebhookEndpoint endpoint = existing(request);
        return ApiResult.ok(() -> WebhookJson.endpoint(endpoint, false));
    }

    private ApiResult update(ApiRequest request) {
        Params params = request.params();
        params.requireOnly(UPDATE, "");
        WebhookEndpoint current = existing(request);
        String url = params.has("url") ? url(params.requiredString("url", ""), "url") : current.url();
        List<String> events = params.has("enabled_events") ? enabledEvents(params)
                : current.enabledEvents();
        String description = params.has("description") ? emptyToNull(params.string("description", ""))
                : current.description();
        Map<String, String> metadata = Metadata.merge(current.metadata(), params, "metadata", s -> s);
        boolean disabled = current.disabled();
        String disabledText = params.nonEmptyString("disabled", "");
        if (disabledText != null) {
            if (!disabledText.equals("true") && !disabledText.equals("false")) {
                throw ApiError.invalid(null, "disabled", "Invalid boolean: " + disabledText);
            }
            disabled = Boolean.parseBoolean(disabledText);
        }
        String newUrl = url;
        Map<String, String> newMetadata = metadata;
        boolean newDisabled = disabled;
        WebhookEndpoint updated = endpoints.update(current.id(),
                e -> e.with(newUrl, events, description, newMetadata, newDisabled));
        if (updated == null) {
            throw ApiError.resourceMissing("webhook_endpoint", current.id(), "webhook_endpoint");
        }
        return ApiResult.ok(() -> WebhookJson.endpoint(updated, false));
    }

    private ApiResult delete(ApiRequest request) {
        request.params().requireOnly(Set.of(), "");
        String id = request.pathParam("webhook_endpoint");
        if (endpoints.delete(id) == null) {
            throw ApiError.resourceMissing("webhook_endpoint", id, "webhook_endpoint");
        }
        return ApiResult.ok(() -> WebhookJson.deleted(id));
    }

    private WebhookEndpoint existing(ApiRequest request) {
        String id = request.pathParam("webhook_endpoint");
        WebhookEndpoint endpoint = endpoints.get(id);
        if (endpoint == null) {
            throw ApiError.resourceMissing("webhook_endpoint", id, "webhook_endpoint");
        }
        return endpoint;
    }

    private static String url(String value, String param) {
        try {
            WebhookEndpoint.requireHttpUrl(value, param);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("url_invalid", param, "Invalid URL: " + value
                    + ". The URL must be an absolute http or https URL.");
        }
        return value;
    }

    private static List<String> enabledEvents(Params params) {
        List<Object> raw = params.array("enabled_events", "");
        if (raw == null || raw.isEmpty()) {
            throw ApiError.parameterMissing("enabled_events");
        }
        var events = new ArrayList<String>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String param = "enabled_events[" + i + "]";
            if (!(raw.get(i) instanceof String type)) {
                throw ApiError.invalid(null, param, "Invalid " + param + ": must be a string");
            }
            try {
                WebhookEndpoint.requireEventType(type, param);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid(null, param, "Invalid " + param + ": " + e.getMessage());
            }
            events.add(type);
        }
        return List.copyOf(events);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private ApiResult deliveries(ApiRequest request) {
        Params params = request.params();
        params.requireOnly(Set.of("event", "endpoint", "limit"), "");
        String event = params.nonEmptyString("event", "");
        String endpoint = params.nonEmptyString("endpoint", "");
        Long limit = params.integer("limit", "");
        if (limit != null && (limit < 1 || limit > 10_000)) {
            throw ApiError.invalid("parameter_invalid_integer", "limit",
                    "Invalid limit: must be between 1 and 10000 (it is " + limit + ")");
        }
        List<DeliveryAttempt> attempts = dispatcher.log().newestFirst(
                a -> (event == null || event.equals(a.eventId()))
                        && (endpoint == null || endpoint.equals(a.endpointId())),
                limit == null ? 100 : limit.intValue());
        return ApiResult.ok(() -> {
            var json = new LinkedHashMap<String, Object>();
            json.put("object", "list");
            json.put("pending_deliveries", dispatcher.pendingDeliveries());
            var data = new ArrayList<Object>(attempts.size());
            attempts.forEach(a -> data.add(WebhookJson.attempt(a)));
            json.put("data", data);
            return json;
        });
    }

    private ApiResult configure(ApiRequest request) {
        Params params = request.params();
        params.requireOnly(SETTINGS, "");
        DeliveryPolicy policy = dispatcher.policy();
        try {
            String schedule = params.nonEmptyString("retry_schedule", "");
            if (schedule != null) {
                policy = policy.withRetrySchedule(RetrySchedule.parse(schedule));
            }
            Long timeout = params.integer("timeout_ms", "");
            if (timeout != null) {
                policy = policy.withTimeout(Duration.ofMillis(timeout));
            }
            String rate = params.nonEmptyString("duplicate_rate", "");
            if (rate != null) {
                policy = policy.withDuplicateRate(Double.parseDouble(rate));
            }
        } catch (NumberFormatException e) {
            throw ApiError.invalid(null, "duplicate_rate", "Invalid duplicate_rate: "
                    + params.tree().get("duplicate_rate") + " is not a number between 0 and 1.");
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, null, "Invalid webhook settings: " + e.getMessage());
        }
        dispatcher.configure(policy);
        DeliveryPolicy applied = policy;
        return ApiResult.ok(() -> WebhookJson.policy(applied));
    }
}
