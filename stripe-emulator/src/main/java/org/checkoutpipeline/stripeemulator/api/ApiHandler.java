package org.checkoutpipeline.stripeemulator.api;

/** Handles one route. Throws {@link ApiError} for Stripe-shaped failures. */
@FunctionalInterface
public interface ApiHandler {
    ApiResult handle(ApiRequest request);
}
