package org.checkoutpipeline.stripeemulator.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Latency and fault injection for the Stripe API endpoints ({@code /v1/...}); the emulator's own
 * {@code /_emulator/...} endpoints are never affected.
 *
 * <p>JSON form (used by {@code POST /_emulator/faults}, {@code --faults-json} and
 * {@code STRIPE_EMULATOR_FAULTS_JSON}); the top-level rule is the default, {@code endpoints}
 * overrides it per endpoint named {@code "METHOD /template"} as listed by the emulator:
 * <pre>{@code
 * {"latency_ms": 300, "jitter_ms": 50, "error_rate": 0.01, "rate_limit_error_rate": 0.0,
 *  "rate_limit_per_second": 100,
 *  "endpoints": {"POST /v1/checkout/sessions": {"error_rate": 0.2}}}
 * }</pre>
 *
 * @param rateLimitPerSecond Stripe-style rate limiter over all Stripe endpoints: requests beyond
 *     this rate get 429 {@code rate_limit}; 0 disables it
 */
public record FaultConfig(FaultRule defaults, Map<String, FaultRule> endpoints,
        double rateLimitPerSecond) {

    public static final FaultConfig NONE = new FaultConfig(FaultRule.NONE, Map.of(), 0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_FIELDS =
            Set.of("latency_ms", "jitter_ms", "error_rate", "rate_limit_error_rate");
    private static final Set<String> TOP_FIELDS =
            Set.of("latency_ms", "jitter_ms", "error_rate", "rate_limit_error_rate",
                    "rate_limit_per_second", "endpoints");

    public FaultConfig {
        endpoints = Map.copyOf(endpoints);
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException(
                    "rate_limit_per_second must be >= 0, was " + rateLimitPerSecond);
        }
    }

    public FaultRule ruleFor(String endpoint) {
        return endpoints.getOrDefault(endpoint, defaults);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Parses the JSON form; errors name the field and the value. */
    public static FaultConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("faults: not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("faults: expected a JSON object, got " + json);
        }
        checkFields(root, TOP_FIELDS, "");
        FaultRule defaults = rule(root, FaultRule.NONE, "");
        var endpoints = new LinkedHashMap<String, FaultRule>();
        JsonNode perEndpoint = root.get("endpoints");
        if (perEndpoint != null && !perEndpoint.isNull()) {
            if (!perEndpoint.isObject()) {
                throw new IllegalArgumentException("endpoints must be an object, was " + perEndpoint);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = perEndpoint.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                if (!name.matches("(GET|POST|DELETE) /\\S*")) {
                    throw new IllegalArgumentException("endpoints: '" + name
                            + "' is not an endpoint name like 'POST /v1/checkout/sessions'");
                }
                checkFields(field.getValue(), RULE_FIELDS, "endpoints." + name + ".");
                endpoints.put(name, rule(field.getValue(), defaults, "endpoints." + name + "."));
            }
        }
        return new FaultConfig(defaults, endpoints, number(root, "rate_limit_per_second", 0, ""));
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String prefix) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(prefix + ": expected an object, was " + node);
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field " + prefix + name + " (allowed: "
                        + new java.util.TreeSet<>(allowed) + ")");
            }
        });
    }

    private static FaultRule rule(JsonNode node, FaultRule base, String prefix) {
        try {
            return new FaultRule(
                    (long) number(node, "latency_ms", base.latencyMs(), prefix),
                    (long) number(node, "jitter_ms", base.jitterMs(), prefix),
                    number(node, "error_rate", base.errorRate(), prefix),
                    number(node, "rate_limit_error_rate", base.rateLimitErrorRate(), prefix));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    private static double number(JsonNode node, String field, double fallback, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(prefix + field + " must be a number, was " + value);
        }
        return value.asDouble();
    }

    /** The JSON form, as {@code GET /_emulator/faults} returns it. */
    public Map<String, Object> toJson() {
        var json = ruleJson(defaults);
        json.put("rate_limit_per_second", rateLimitPerSecond);
        var perEndpoint = new TreeMap<String, Object>();
        endpoints.forEach((name, rule) -> perEndpoint.put(name, ruleJson(rule)));
        json.put("endpoints", perEndpoint);
        return json;
    }

    private static Map<String, Object> ruleJson(FaultRule rule) {
        var json = new LinkedHashMap<String, Object>();
        json.put("latency_ms", rule.latencyMs());
        json.put("jitter_ms", rule.jitterMs());
        json.put("error_rate", rule.errorRate());
        json.put("rate_limit_error_rate", rule.rateLimitErrorRate());
        return json;
    }
}
