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
     * A response body as this version shows it: a Checkout Session has
     * {@code allowed_payment_method_types} in endive (null when not given) and not in dahlia; an
     * event is shown in the account's version ({@link #DEFAULT}), as Stripe shows events in the
     * version they were created in. What needs no change is returned as it is, not copied.
     */
    public Object render(Object body) {
        return walk(body, true);
    }

    /** An event as a webhook endpoint of this version receives it: its {@code api_version} and {@code data.object}. */
    public Object event(Map<String, Object> event) {
        return walk(event, false);
    }

    /**
     * @param response an API response, in which an event keeps the version it was created in (the
     *     account's); only a webhook endpoint receives it in another
     */
    private Object walk(Object body, boolean response) {
        if (response && this != DEFAULT && body instanceof Map<?, ?> map && "event".equals(map.get("object"))) {
            return DEFAULT.walk(body, false);
        }
        if (body instanceof Map<?, ?> map) {
            Object type = map.get("object");
            boolean session = "checkout.session".equals(type)
                    && map.containsKey("allowed_payment_method_types") == (this == DAHLIA);
            boolean event = "event".equals(type) && !wire.equals(map.get("api_version"));
            Map<String, Object> copy = null;
            for (var entry : map.entrySet()) {
                Object value = entry.getValue();
                Object shown = walk(value, response);
                if (shown != value || session || event) {
                    if (copy == null) {
                        copy = copyOf(map);
                    }
                    copy.put((String) entry.getKey(), shown);
                }
            }
            if (copy == null) {
                return map; // nothing this version shows differently
            }
            if (session && this == DAHLIA) {
                copy.remove("allowed_payment_method_types");
            } else if (session) {
                copy.put("allowed_payment_method_types", null);
            }
            if (event) {
                copy.put("api_version", wire);
            }
            return copy;
        }
        if (body instanceof List<?> list) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object value = list.get(i);
                Object shown = walk(value, response);
                if (shown != value && copy == null) {
                    copy = new ArrayList<>(list);
                }
                if (copy != null) {
                    copy.set(i, shown);
                }
            }
            return copy == null ? list : copy;
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(Map<?, ?> map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
