package org.checkoutpipeline.stripeemulator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API versions the emulator answers in, chosen per request by its {@code Stripe-Version}
 * header (none: the account's default, dahlia) and per webhook endpoint by its {@code api_version}.
 *
 * <p>Objects are rendered in the newest version and then walked back, as Stripe's own version
 * changes are: to answer in dahlia, what endive added is removed ({@link #render}). Requests are
 * checked against each version's parameters ({@link ParamSchema#of}).
 */
public enum ApiVersion {
    /** What stripe-java 33.3.0 and stripe-node 22.x send. */
    DAHLIA("2026-07-29.dahlia"),
    /** What stripe-node 23.x sends: {@code allowed_payment_method_types} instead of {@code payment_method_types}. */
    ENDIVE("2026-10-28.endive");

    /** The account's default, used when a request sends no {@code Stripe-Version}. */
    public static final ApiVersion DEFAULT = DAHLIA;

    private final String wire;

    ApiVersion(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The version a {@code Stripe-Version} header (or {@code api_version}) names; null: the default. */
    public static ApiVersion parse(String header, String param) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        for (ApiVersion version : values()) {
            if (version.wire.equals(header.trim())) {
                return version;
            }
        }
        throw ApiError.invalid(null, param, "Invalid Stripe API version: " + header + ". The Stripe emulator"
                + " answers in " + DAHLIA.wire + " (the default) and " + ENDIVE.wire + ".");
    }

    /**
     * A response body rendered in the newest version, as this version shows it: Checkout Sessions
     * lose what later versions added, events say which version they are in. Other objects are
     * returned as they are.
     */
    public Object render(Object body) {
        if (body instanceof Map<?, ?> map) {
            Object type = map.get("object");
            boolean session = "checkout.session".equals(type);
            boolean event = "event".equals(type);
            var copy = new LinkedHashMap<String, Object>(map.size() + 1);
            for (var entry : map.entrySet()) {
                String key = (String) entry.getKey();
                if (session && this == DAHLIA && key.equals("allowed_payment_method_types")) {
                    continue;
                }
                copy.put(key, event && key.equals("api_version") ? wire : render(entry.getValue()));
            }
            return copy;
        }
        if (body instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            list.forEach(item -> copy.add(render(item)));
            return copy;
        }
        return body;
    }
}
