package org.checkoutpipeline.stripeemulator.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request parameters as Stripe receives them: form or query strings with bracket paths
 * ({@code line_items[0][price_data][currency]=usd}, {@code expand[]=x}, {@code created[gte]=1}),
 * decoded into a tree of nested maps whose leaves are strings. Arrays are maps keyed by index.
 *
 * <p>Every accessor takes the bracket path used in error messages, so errors name the parameter
 * exactly as the client sent it.
 */
public final class Params {

    private final Map<String, Object> root;
    private final ApiVersion version;

    private Params(Map<String, Object> root) {
        this(root, ApiVersion.DEFAULT);
    }

    private Params(Map<String, Object> root, ApiVersion version) {
        this.root = root;
        this.version = version;
    }

    /** The same parameters, sent in API {@code version} (the request's {@code Stripe-Version}). */
    public Params in(ApiVersion version) {
        return new Params(root, version);
    }

    /** The API version the request was sent in, which decides which parameters exist. */
    public ApiVersion version() {
        return version;
    }

    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    public static Params of(Map<String, Object> tree) {
        return new Params(tree);
    }

    /** Parses an {@code application/x-www-form-urlencoded} string (body or query). */
    public static Params parseForm(String encoded) {
        var root = new LinkedHashMap<String, Object>();
        if (encoded == null || encoded.isEmpty()) {
            return new Params(root);
        }
        int start = 0;
        while (start <= encoded.length()) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? encoded.length() : amp;
            if (end > start) {
                String pair = encoded.substring(start, end);
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                put(root, key, value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new Params(root);
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, null, "Invalid URL encoding: " + s);
        }
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, String key, String value) {
        List<String> path = splitPath(key);
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            if (segment.isEmpty()) {
                segment = Integer.toString(node.size());
            }
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
        String last = path.get(path.size() - 1);
        node.put(last.isEmpty() ? Integer.toString(node.size()) : last, value);
    }

    private static List<String> splitPath(String key) {
        int bracket = key.indexOf('[');
        if (bracket <= 0 || !key.endsWith("]")) {
            return List.of(key);
        }
        var path = new ArrayList<String>();
        path.add(key.substring(0, bracket));
        int i = bracket;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                return List.of(key);
            }
            path.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (i != key.length()) {
            return List.of(key);
        }
        return path;
    }

    public Map<String, Object> tree() {
        return root;
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    public boolean has(String name) {
        return root.containsKey(name);
    }

    public Set<String> names() {
        return root.keySet();
    }

    /** Fails with {@code parameter_unknown} on the first (alphabetically) parameter not allowed. */
    public void requireOnly(Collection<String> allowed, String prefix) {
        for (String name : new TreeSet<>(root.keySet())) {
            if (!allowed.contains(name)) {
                throw ApiError.parameterUnknown(path(prefix, name));
            }
        }
    }

    public static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "[" + name + "]";
    }

    /** A string leaf, or null when absent. A nested value where a string belongs is invalid. */
    public String string(String name, String prefix) {
        Object value = root.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw ApiError.invalid("parameter_invalid_string", path(prefix, name),
                    "Invalid string: " + value);
        }
        return (String) value;
    }

    public String requiredString(String name, String prefix) {
        String value = string(name, prefix);
        if (value == null) {
            throw ApiError.parameterMissing(path(prefix, name));
        }
        if (value.isEmpty()) {
            throw ApiError.emptyString(path(prefix, name));
        }
        return value;
    }

    /** A non-empty string or null; an empty string is refused as Stripe refuses unsetting. */
    public String nonEmptyString(String name, String prefix) {
        String value = string(name, prefix);
        if (value != null && value.isEmpty()) {
            throw ApiError.emptyString(path(prefix, name));
        }
        return value;
    }

    public Long integer(String name, String prefix) {
        String value = string(name, prefix);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw ApiError.emptyString(path(prefix, name));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.invalidInteger(path(prefix, name), value);
        }
    }

    /** A nested object, or null when absent; a plain string where an object belongs is invalid. */
    @SuppressWarnings("unchecked")
    public Params object(String name, String prefix) {
        Object value = root.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            if (s.isEmpty()) {
                return Params.empty();
            }
            throw ApiError.invalid("parameter_invalid_hash", path(prefix, name),
                    "Invalid hash");
        }
        return new Params((Map<String, Object>) value);
    }

    /**
     * An array parameter: {@code name[0]}, {@code name[1]} (or {@code name[]}), in index order.
     * Elements are strings or {@link Params}.
     */
    @SuppressWarnings("unchecked")
    public List<Object> array(String name, String prefix) {
        Object value = root.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            if (s.isEmpty()) {
                return List.of();
            }
            throw ApiError.invalid("parameter_invalid_array", path(prefix, name), "Invalid array");
        }
        var map = (Map<String, Object>) value;
        var indexed = new java.util.TreeMap<Integer, Object>();
        for (var entry : map.entrySet()) {
            int index;
            try {
                index = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_array", path(prefix, name),
                        "Invalid array");
            }
            Object element = entry.getValue();
            indexed.put(index, element instanceof Map ? new Params((Map<String, Object>) element) : element);
        }
        return new ArrayList<>(indexed.values());
    }

    /** Keys and string values sorted by key path: the canonical form used to compare requests. */
    public String canonical() {
        var lines = new TreeSet<String>();
        flatten("", root, lines);
        return String.join("&", lines);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Set<String> out) {
        for (var entry : node.entrySet()) {
            String key = path(prefix, entry.getKey());
            if (entry.getValue() instanceof Map) {
                flatten(key, (Map<String, Object>) entry.getValue(), out);
            } else {
                out.add(key + "=" + entry.getValue());
            }
        }
    }
}
