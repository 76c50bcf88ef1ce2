package org.checkoutpipeline.stripeemulator.payment;

/** A SetupIntent created when a setup-mode session completes; status {@code succeeded}. */
public record SetupIntent(String id, long created, String customer, String status,
        String paymentMethodType, String checkoutSession, String description, java.util.Map<String, String> metadata,
        java.util.Map<String, Object> methodDetails) {}
