package org.checkoutpipeline.stripeemulator.api;

import java.util.Map;

/**
 * One decoded request. {@code params} holds the query parameters for GET and DELETE and the form
 * (or JSON) body for POST, as Stripe reads them.
 */
public record ApiRequest(
        String requestId,
        String method,
        String path,
        Map<String, String> pathParams,
        Params params,
        String idempotencyKey,
        String rawBody) {

    public String pathParam(String name) {
        return pathParams.get(name);
    }
}
