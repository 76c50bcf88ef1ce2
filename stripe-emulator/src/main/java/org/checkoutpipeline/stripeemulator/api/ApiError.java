package org.checkoutpipeline.stripeemulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Stripe-shaped API error: rendered as {@code {"error":{...}}} with Stripe's HTTP status.
 *
 * <p>{@code storable} tells the idempotency layer whether Stripe would save this result for replay:
 * errors raised while validating parameters are not saved (the same key may be retried with fixed
 * parameters); errors raised once the operation ran (for example expiring a session that is no
 * longer open) are saved.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;
    private final boolean storable;

    public ApiError(int status, String type, String code, String param, String message,
            String declineCode, boolean storable) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
        this.storable = storable;
    }

    public static ApiError invalid(String code, String param, String message) {
        return new ApiError(400, "invalid_request_error", code, param, message, null, false);
    }

    public static ApiError parameterUnknown(String param) {
        return invalid("parameter_unknown", param, "Received unknown parameter: " + param);
    }

    public static ApiError parameterMissing(String param) {
        return invalid("parameter_missing", param, "Missing required param: " + param + ".");
    }

    public static ApiError invalidInteger(String param, String value) {
        return invalid("parameter_invalid_integer", param, "Invalid integer: " + value);
    }

    public static ApiError emptyString(String param) {
        return invalid("parameter_invalid_empty", param, "You passed an empty string for '" + param
                + "'. We assume empty values are an attempt to unset a parameter; however '" + param
                + "' cannot be unset. You should remove '" + param
                + "' from your request or supply a non-empty value.");
    }

    public static ApiError invalidEnum(String param, String value, Iterable<String> allowed) {
        return invalid(null, param, "Invalid " + param + ": must be one of " + oneOf(allowed));
    }

    /** 404 for an id that is not stored, worded like Stripe: {@code No such checkout.session: 'x'}. */
    public static ApiError resourceMissing(String objectName, String id, String param) {
        return new ApiError(404, "invalid_request_error", "resource_missing", param,
                "No such " + objectName + ": '" + id + "'", null, false);
    }

    public static ApiError notFoundRoute(String method, String path) {
        return new ApiError(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs"
                        + " or we can help at https://support.stripe.com/.", null, false);
    }

    public ApiError storable() {
        return new ApiError(status, type, code, param, getMessage(), declineCode, true);
    }

    private static String oneOf(Iterable<String> allowed) {
        var values = new java.util.ArrayList<String>();
        allowed.forEach(values::add);
        if (values.isEmpty()) {
            return "\"\" (empty)";
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + ", or " + values.get(values.size() - 1);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public boolean isStorable() {
        return storable;
    }

    /** The JSON body Stripe sends for this error. */
    public Map<String, Object> body(String requestId) {
        var error = new LinkedHashMap<String, Object>();
        if (code != null) {
            error.put("code", code);
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        if (code != null) {
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("request_log_url",
                "https://dashboard.stripe.com/test/logs/" + requestId + "?t=0");
        error.put("type", type);
        return Map.of("error", error);
    }
}
