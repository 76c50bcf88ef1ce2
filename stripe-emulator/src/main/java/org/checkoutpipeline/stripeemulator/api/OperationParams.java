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

    private OperationParams(String operation, List<String> supported) {
        this.operation = operation;
        this.supported = supported;
    }

    /** @param operation as in {@link ParamSchema}: {@code "POST /v1/checkout/sessions"} */
    public static OperationParams of(String operation, String... supported) {
        ParamSchema.dahlia().operation(operation);
        return new OperationParams(operation, List.of(supported));
    }

    /** The same operation with more supported paths. */
    public OperationParams alsoSupporting(String... more) {
        var all = new java.util.ArrayList<>(supported);
        all.addAll(List.of(more));
        return new OperationParams(operation, List.copyOf(all));
    }

    public String operation() {
        return operation;
    }

    /** The supported parameter paths, as declared. */
    public List<String> supported() {
        return supported;
    }

    /** Whether the emulator implements this value of a parameter path (null: any value). */
    public boolean supports(String path, String value) {
        for (String s : supported) {
            int eq = s.indexOf('=');
            if (eq >= 0) {
                if (path.equals(s.substring(0, eq)) && (value == null || value.equals(s.substring(eq + 1)))) {
                    return true;
                }
            } else if (path.equals(s) || path.startsWith(s + "[") || s.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a request: first against Stripe's definitions, then that every parameter it sets
     * (a value other than {@code ""}, which unsets) is one the emulator implements.
     */
    public void check(Params params) {
        ParamSchema.dahlia().check(operation, params);
        checkSupported(params.tree(), "", "");
    }

    @SuppressWarnings("unchecked")
    private void checkSupported(Map<String, Object> node, String path, String pattern) {
        for (var entry : new TreeMap<>(node).entrySet()) {
            String key = entry.getKey();
            String childPath = Params.path(path, key);
            String childPattern = isIndex(key) && !pattern.isEmpty() ? pattern + "[]"
                    : Params.path(pattern, key);
            Object value = entry.getValue();
            if (value instanceof Map) {
                checkSupported((Map<String, Object>) value, childPath, childPattern);
            } else if (!"".equals(value) && !supports(childPattern, (String) value)) {
                throw unsupported(childPath, (String) value);
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

    private ApiError unsupported(String path, String value) {
        String what = supports(path.replaceAll("\\[\\d+]", "[]"), null) ? path + "=" + value : path;
        return ApiError.invalid(null, path, "The Stripe emulator does not model `"
                + what + "` of " + operation + " (a valid parameter in API "
                + ParamSchema.dahlia().apiVersion() + "), so it refuses it rather than ignore it."
                + " Leave it out when testing against the emulator; see stripe-emulator/README.md for"
                + " the parameters it implements.");
    }
}
