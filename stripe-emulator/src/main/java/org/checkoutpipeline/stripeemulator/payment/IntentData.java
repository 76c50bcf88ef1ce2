package org.checkoutpipeline.stripeemulator.payment;

import java.util.Map;

/**
 * What a merchant hands the PaymentIntent of a payment-mode Checkout Session through
 * {@code payment_intent_data}; rendered on the PaymentIntent as Stripe does.
 *
 * @param setupFutureUsage {@code on_session}, {@code off_session}, or null
 */
public record IntentData(String description, Map<String, String> metadata, String receiptEmail,
        String setupFutureUsage, String statementDescriptor, String statementDescriptorSuffix) {

    public static final IntentData NONE = new IntentData(null, Map.of(), null, null, null, null);
}
