package org.checkoutpipeline.stripeemulator.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one operation accepts: every parameter Stripe defines for it ({@link ParamSchema}), and of
 * those, the ones whose behaviour the emulator implements. A request that uses a defined parameter
 * outside that set is refused with a 400 that says so, never accepted and ignored.
 *
 * <p>Supported parameters are bracket paths with {@code []} for array elements:
 * {@code line_items[][price_data][currency]}. A path covers everything beneath it, so
 * {@code metadata} covers every metadata key. {@code path=value} supports that one value only
 * ({@code ui_mode=hosted_page}).
 */
public final class OperationParams {

    private final String operation;
    private final List<String> supported;
    /** Paths supported whole (with everything beneath them). */
    private final java.util.Set<String> whole = new java.util.HashSet<>();
    /** Paths supported for some values only, with those values. */
    private final Map<String, java.util.Set<String>> values = new java.util.HashMap<>();
    /** Proper ancestors of supported paths. */
    private final java.util.Set<String> ancestors = new java.util.HashSet<>();

    private OperationParams(String operation, List<String> supported) {
        this.operation = operation;
        this.supported = supported;
        for (String s : supported) {
            int eq = s.indexOf('=');
            String path = eq < 0 ? s : s.substring(0, eq);
            if (eq < 0) {
                whole.add(path);
            } else {
                values.computeIfAbsent(path, k -> new java.util.HashSet<>()).add(s.substring(eq + 1));
            }
            for (int i = path.indexOf('['); i > 0; i = path.indexOf('[', i + 1)) {
                ancestors.add(path.substring(0, i));
            }
        }
    }

    /** @param operation as in {@link ParamSchema}: {@code "POST /v1/checkout/sessions"} */
    public static OperationParams of(String operation, String... supported) {
        ParamSchema.dahlia().operation(operation);
        return new OperationParams(operation, List.of(supported));
    }

    public String operation() {
        return operation;
    }

    /** The supported parameter paths, as declared. */
    public List<String> supported() {
        return supported;
    }

    /** The top-level parameter names the supported paths start with ({@code line_items}, {@code ui_mode}). */
    public java.util.Set<String> topLevelNames() {
        var names = new java.util.TreeSet<String>();
        for (String s : supported) {
            int end = s.length();
            for (char c : new char[] {'[', '='}) {
                int at = s.indexOf(c);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            names.add(s.substring(0, end));
        }
        return names;
    }

    /** Whether the emulator implements this value of a parameter path (null: any value). */
    public boolean supports(String path, String value) {
        if (whole.contains(path) || ancestors.contains(path)) {
            return true;
        }
        for (int i = path.lastIndexOf('['); i > 0; i = path.lastIndexOf('[', i - 1)) {
            if (whole.contains(path.substring(0, i))) {
                return true;
            }
        }
        java.util.Set<String> allowed = values.get(path);
        return allowed != null && (value == null || allowed.contains(value));
    }

    /**
     * Checks a request: first against Stripe's definitions, then that every parameter it sets
     * (a value other than {@code ""}, which unsets) is one the emulator implements.
     */
    public void check(Params params) {
        ParamSchema.of(params.version()).check(operation, params);
        try {
            checkSupported(params.tree(), "", "", false, params.version());
        } catch (ApiError e) {
            // Name the first unsupported parameter in key order; sorting only when there is one.
            checkSupported(params.tree(), "", "", true, params.version());
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void checkSupported(Map<String, Object> node, String path, String pattern, boolean sorted,
            ApiVersion version) {
        for (var entry : (sorted ? new TreeMap<>(node) : node).entrySet()) {
            String key = entry.getKey();
            String childPattern = isIndex(key) && !pattern.isEmpty() ? pattern + "[]"
                    : Params.path(pattern, key);
            Object value = entry.getValue();
            if (whole.contains(childPattern)) {
                continue; // supported with everything beneath it
            }
            if (value instanceof Map) {
                checkSupported((Map<String, Object>) value, Params.path(path, key), childPattern, sorted, version);
            } else if (!"".equals(value) && !supports(childPattern, (String) value)) {
                throw unsupported(Params.path(path, key), (String) value, version);
            }
        }
    }

    private static boolean isIndex(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private ApiError unsupported(String path, String value, ApiVersion version) {
        String what = supports(path.replaceAll("\\[\\d+]", "[]"), null) ? path + "=" + value : path;
        return ApiError.invalid(null, path, "The Stripe emulator does not model `"
                + what + "` of " + operation + " (a valid parameter in API "
                + version.wire() + "), so it refuses it rather than ignore it."
                + " Leave it out when testing against the emulator; see stripe-emulator/README.md for"
                + " the parameters it implements.");
    }
}
