package org.checkoutpipeline.stripeemulator.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Stripe's {@code metadata} parameter rules: up to 50 string values, keys up to 40 characters. */
public final class Metadata {

    private Metadata() {}

    /**
     * Reads {@code metadata[key]=value} pairs; empty values unset a key, as on Stripe.
     *
     * @param intern shares repeated key strings
     */
    public static Map<String, String> parse(Params metadata, String prefix, UnaryOperator<String> intern) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        if (metadata.names().size() > 50) {
            throw ApiError.invalid(null, prefix, "You can specify up to 50 keys in " + prefix
                    + "; you passed " + metadata.names().size() + ".");
        }
        var values = new HashMap<String, String>();
        for (String key : metadata.names()) {
            String param = prefix + "[" + key + "]";
            if (key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
                throw ApiError.invalid(null, param, "Metadata keys cannot contain '[' or ']': " + key);
            }
            if (key.length() > 40) {
                throw ApiError.invalid(null, param, "Metadata keys can have up to 40 characters; '" + key
                        + "' has " + key.length() + ".");
            }
            if (!(metadata.tree().get(key) instanceof String value)) {
                throw ApiError.invalid(null, param, "Metadata values must be strings: " + param);
            }
            if (value.length() > 500) {
                throw ApiError.invalid(null, param, "Metadata values can have up to 500 characters, but"
                        + " you passed in a value that is " + value.length() + " characters (" + param + ").");
            }
            if (!value.isEmpty()) {
                values.put(intern.apply(key), value);
            }
        }
        return Map.copyOf(values);
    }

    /**
     * An update's {@code metadata}: the given keys replace or (with {@code ""}) remove the current
     * ones, the rest stay; {@code metadata=""} removes them all. Null when the request has none.
     */
    public static Map<String, String> merge(Map<String, String> current, Params params, String name,
            UnaryOperator<String> intern) {
        if (!params.has(name)) {
            return current;
        }
        if ("".equals(params.tree().get(name))) {
            return Map.of();
        }
        Params given = params.object(name, "");
        var merged = new HashMap<>(current);
        for (String key : given.names()) {
            if ("".equals(given.tree().get(key))) {
                merged.remove(key);
            }
        }
        merged.putAll(parse(given, name, intern));
        if (merged.size() > 50) {
            throw ApiError.invalid(null, name, "You can specify up to 50 keys in " + name + "; the update"
                    + " leaves " + merged.size() + ".");
        }
        return Map.copyOf(merged);
    }
}
