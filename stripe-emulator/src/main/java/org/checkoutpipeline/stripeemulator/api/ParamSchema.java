package org.checkoutpipeline.stripeemulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every parameter of the operations the emulator serves, as API {@code 2026-07-29.dahlia} defines
 * it: names, nesting, types, enum values, length limits and required keys, read from
 * {@code stripe-params.json} (generated from Stripe's OpenAPI spec and stripe-java's request
 * classes; see that file's {@code source}).
 *
 * <p>{@link #check} refuses what Stripe refuses before any resource logic runs: an unknown key
 * anywhere in the tree ({@code parameter_unknown}), a hash where a string belongs and the reverse,
 * a value that is not an integer, boolean or decimal, a value outside an enum, a string over its
 * limit, a missing required key of a nested hash. Errors name the bracket path as Stripe does
 * ({@code payment_intent_data[capture_method]}).
 */
public final class ParamSchema {

    private static final String RESOURCE = "stripe-params.json";
    /** What endive changed, applied to the dahlia definitions to give endive's. */
    private static final String ENDIVE_CHANGES = "endive-changes.json";
    private static final JsonNode DAHLIA_JSON = read(RESOURCE);
    private static final ParamSchema DAHLIA = build(DAHLIA_JSON, Map.of());
    private static final ParamSchema ENDIVE = endive();

    /** A parameter a later version removed: passing it is refused with this code and message. */
    private record Removed(String code, String message) {}

    private final String apiVersion;
    private final Map<String, Node> operations;
    /** By operation, the top-level parameters this version removed. */
    private final Map<String, Map<String, Removed>> removed;

    private ParamSchema(String apiVersion, Map<String, Node> operations, Map<String, Map<String, Removed>> removed) {
        this.apiVersion = apiVersion;
        this.operations = operations;
        this.removed = removed;
    }

    /** The definitions for the emulator's default API version, which stripe-java 33.3.0 pins. */
    public static ParamSchema dahlia() {
        return DAHLIA;
    }

    /** The definitions of a version. */
    public static ParamSchema of(ApiVersion version) {
        return version == ApiVersion.ENDIVE ? ENDIVE : DAHLIA;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The schema of an operation's parameters ({@code "POST /v1/checkout/sessions"}). */
    public Node operation(String operation) {
        Node node = operations.get(operation);
        if (node == null) {
            throw new IllegalArgumentException("No parameter definitions for " + operation);
        }
        return node;
    }

    public Set<String> operations() {
        return operations.keySet();
    }

    /** Checks a request's parameters against the operation's definitions. */
    public void check(String operation, Params params) {
        Map<String, Removed> gone = removed.getOrDefault(operation, Map.of());
        for (String name : params.names()) {
            Removed r = gone.get(name);
            if (r != null) {
                throw ApiError.invalid(r.code(), name, r.message());
            }
        }
        check(operation(operation), params.tree(), "");
    }

    /**
     * One parameter's definition. {@code anyOf} holds the alternatives of a parameter that takes
     * several shapes (a hash or {@code ""}, an integer or a range), and is empty otherwise.
     */
    public record Node(String type, String format, java.util.Set<String> enumValues, Integer maxLength,
            Map<String, Node> properties, List<String> required, Node additionalProperties, Node items,
            List<Node> anyOf) {

        public boolean isObject() {
            return "object".equals(type);
        }

        public boolean isArray() {
            return "array".equals(type);
        }

        /** A definition without constraints ({@code {}}), such as the values of a free-form hash. */
        boolean isAnything() {
            return type == null && enumValues == null && properties == null && anyOf.isEmpty();
        }

        /** Whether {@code ""} (Stripe's way to unset) is one of the accepted values. */
        public boolean acceptsEmpty() {
            if (enumValues != null && enumValues.contains("")) {
                return true;
            }
            return anyOf.stream().anyMatch(Node::acceptsEmpty);
        }

        /** The named child of an object (through its alternatives), or null. */
        public Node child(String name) {
            if (properties != null && properties.containsKey(name)) {
                return properties.get(name);
            }
            for (Node alternative : anyOf) {
                Node child = alternative.child(name);
                if (child != null) {
                    return child;
                }
            }
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Node node, Object value, String path) {
        if (node.isAnything()) {
            return;
        }
        if (!node.anyOf().isEmpty()) {
            checkAlternatives(node, value, path);
            return;
        }
        if ("".equals(value) && (node.acceptsEmpty() || node.isObject() || node.isArray())) {
            return;
        }
        if (node.isObject()) {
            if (!(value instanceof Map)) {
                throw ApiError.invalid("parameter_invalid_hash", path, "Invalid hash: " + path
                        + " must be a hash of parameters, not the string '" + value + "'");
            }
            checkObject(node, (Map<String, Object>) value, path);
        } else if (node.isArray()) {
            if (!(value instanceof Map)) {
                throw ApiError.invalid("parameter_invalid_array", path, "Invalid array: " + path
                        + " must be an array (" + path + "[0]=...), not the string '" + value + "'");
            }
            checkArray(node, (Map<String, Object>) value, path);
        } else if (value instanceof Map) {
            throw ApiError.invalid("parameter_invalid_string", path, "Invalid " + kind(node) + ": "
                    + path + " must be a single value, not a hash");
        } else {
            checkScalar(node, (String) value, path);
        }
    }

    private static void checkAlternatives(Node node, Object value, String path) {
        ApiError first = null;
        for (Node alternative : node.anyOf()) {
            try {
                check(alternative, value, path);
                return;
            } catch (ApiError e) {
                boolean sameShape = (value instanceof Map) == (alternative.isObject() || alternative.isArray());
                if (first == null || sameShape && !"".equals(value)) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static void checkObject(Node node, Map<String, Object> value, String path) {
        try {
            checkKeys(node, value, value.keySet(), path);
        } catch (ApiError e) {
            // Report the first problem in key order, as Stripe does; sorting only when there is one.
            checkKeys(node, value, new TreeSet<>(value.keySet()), path);
            throw e;
        }
        for (String key : node.required()) {
            if (!value.containsKey(key)) {
                throw ApiError.parameterMissing(Params.path(path, key));
            }
        }
    }

    private static void checkKeys(Node node, Map<String, Object> value, Iterable<String> keys, String path) {
        for (String key : keys) {
            String childPath = Params.path(path, key);
            Node child = node.properties() == null ? null : node.properties().get(key);
            if (child == null) {
                child = node.additionalProperties();
            }
            if (child == null) {
                throw ApiError.parameterUnknown(childPath);
            }
            check(child, value.get(key), childPath);
        }
    }

    private static void checkArray(Node node, Map<String, Object> value, String path) {
        var ordered = new TreeMap<Integer, Object>();
        for (var entry : value.entrySet()) {
            try {
                ordered.put(Integer.parseInt(entry.getKey()), entry.getValue());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_array", path, "Invalid array: " + path
                        + " has the key '" + entry.getKey() + "'; array elements are indexed "
                        + path + "[0], " + path + "[1], ...");
            }
        }
        for (var entry : ordered.entrySet()) {
            check(node.items(), entry.getValue(), path + "[" + entry.getKey() + "]");
        }
    }

    private static void checkScalar(Node node, String value, String path) {
        switch (node.type() == null ? "string" : node.type()) {
            case "integer" -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw value.isEmpty() ? ApiError.emptyString(path) : ApiError.invalidInteger(path, value);
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw value.isEmpty() ? ApiError.emptyString(path) : ApiError.invalid(
                            "parameter_invalid_boolean", path, "Invalid boolean: " + value);
                }
            }
            case "number" -> decimal(value, path);
            default -> {
                if (value.isEmpty()) {
                    if (node.enumValues() != null) {
                        throw ApiError.emptyString(path);
                    }
                    return;
                }
                if (node.enumValues() != null && !node.enumValues().contains(value)) {
                    throw ApiError.invalidEnum(path, value, node.enumValues().stream()
                            .filter(v -> !v.isEmpty()).toList());
                }
                if ("decimal".equals(node.format())) {
                    decimal(value, path);
                }
                if (node.maxLength() != null && value.length() > node.maxLength()) {
                    throw ApiError.invalid(null, path, "Invalid " + path + ": must be at most " + node.maxLength() + " characters (it has "
                            + value.length() + ")");
                }
            }
        }
    }

    private static void decimal(String value, String path) {
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("parameter_invalid_decimal", path, "Invalid decimal: " + value);
        }
    }

    private static String kind(Node node) {
        return node.type() == null ? "string" : node.type();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ParamSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ParamSchema build(JsonNode root, Map<String, Map<String, Removed>> removed) {
        var operations = new LinkedHashMap<String, Node>();
        root.get("operations").fields().forEachRemaining(e -> operations.put(e.getKey(), node(e.getValue())));
        return new ParamSchema(root.get("api_version").asText(), Map.copyOf(operations), removed);
    }

    /** Dahlia's definitions with {@value #ENDIVE_CHANGES} applied: added parameters and enum values, removed ones. */
    private static ParamSchema endive() {
        JsonNode changes = read(ENDIVE_CHANGES);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) DAHLIA_JSON.deepCopy();
        root.put("api_version", changes.get("api_version").asText());
        var removed = new LinkedHashMap<String, Map<String, Removed>>();
        for (JsonNode change : changes.get("changes")) {
            String operation = change.get("operation").asText();
            JsonNode schema = root.get("operations").get(operation);
            if (change.has("removed")) {
                removed.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(change.get("removed").asText(),
                        new Removed(change.get("code").asText(), change.get("message").asText()));
            } else if (change.has("add")) {
                String[] path = change.get("add").asText().split("/");
                var parent = (com.fasterxml.jackson.databind.node.ObjectNode) at(schema, path, path.length - 1);
                parent.with("properties").set(path[path.length - 1], change.get("schema"));
            } else {
                String[] path = change.get("enum_add").asText().split("/");
                var target = (com.fasterxml.jackson.databind.node.ObjectNode) at(schema, path, path.length);
                change.get("values").forEach(v -> target.withArray("enum").add(v));
            }
        }
        return build(root, Map.copyOf(removed));
    }

    /** The node {@code depth} segments down {@code path}: {@code items} is an array's element, else a property. */
    private static JsonNode at(JsonNode node, String[] path, int depth) {
        for (int i = 0; i < depth; i++) {
            JsonNode next = path[i].equals("items") ? node.get("items") : node.path("properties").get(path[i]);
            if (next == null) {
                throw new IllegalStateException("no parameter " + String.join("/", path) + " to change at " + path[i]);
            }
            node = next;
        }
        return node;
    }

    private static Node node(JsonNode json) {
        java.util.Set<String> enumValues = null;
        if (json.has("enum")) {
            var values = new java.util.LinkedHashSet<String>(); // Stripe's order, for messages
            for (JsonNode value : json.get("enum")) {
                values.add(value.asText());
            }
            enumValues = java.util.Collections.unmodifiableSet(values);
        }
        Map<String, Node> properties = null;
        if (json.has("properties")) {
            var props = new LinkedHashMap<String, Node>();
            json.get("properties").fields().forEachRemaining(e -> props.put(e.getKey(), node(e.getValue())));
            properties = java.util.Collections.unmodifiableMap(props);
        }
        var required = new TreeSet<String>();
        json.path("required").forEach(r -> required.add(r.asText()));
        JsonNode extra = json.get("additionalProperties");
        var anyOf = new ArrayList<Node>();
        json.path("anyOf").forEach(alternative -> anyOf.add(node(alternative)));
        String type = json.has("type") ? json.get("type").asText() : null;
        if (type == null && properties != null) {
            type = "object";
        }
        return new Node(type, json.has("format") ? json.get("format").asText() : null, enumValues,
                json.has("maxLength") ? json.get("maxLength").asInt() : null, properties,
                List.copyOf(required), extra != null && extra.isObject() ? node(extra) : null,
                json.has("items") ? node(json.get("items")) : null, List.copyOf(anyOf));
    }
}
