package org.checkoutpipeline.stripeemulator.api;

import java.util.function.Supplier;

/**
 * The outcome of a handler: an HTTP status and a body that is rendered to JSON when sent. The body
 * is a supplier over immutable snapshots, so an idempotent replay renders exactly what the first
 * request returned without keeping the JSON text.
 */
public record ApiResult(int status, Supplier<Object> body) {

    public static ApiResult ok(Supplier<Object> body) {
        return new ApiResult(200, body);
    }

    public static ApiResult error(ApiError error, String requestId) {
        return new ApiResult(error.status(), () -> error.body(requestId));
    }
}
