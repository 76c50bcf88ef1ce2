package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;

/** The validated parameters of a create-session request. */
record NewSession(
        CheckoutSession.Mode mode,
        String currency,
        List<LineItem> lineItems,
        Long amountTotal,
        long expiresAt,
        String successUrl,
        String cancelUrl,
        String clientReferenceId,
        Map<String, String> metadata,
        SessionOptions options,
        org.checkoutpipeline.stripeemulator.methods.SessionMethods methods,
        String customerEmail,
        String customerId) {}
