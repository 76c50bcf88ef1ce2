package org.checkoutpipeline.stripeemulator.payment;

import java.util.Map;

/**
 * What a merchant hands the PaymentIntent of a payment-mode Checkout Session through
 * {@code payment_intent_data}; rendered on the PaymentIntent as Stripe does.
 *
 * @param setupFutureUsage {@code on_session}, {@code off_session}, or null
 * @param captureMethod {@code automatic}, {@code automatic_async}, {@code manual}, or null
 */
public record IntentData(String description, Map<String, String> metadata, String receiptEmail,
        String setupFutureUsage, String statementDescriptor, String statementDescriptorSuffix,
        String captureMethod) {

    public static final IntentData NONE = new IntentData(null, Map.of(), null, null, null, null, null);

    /** {@code capture_method}: {@code automatic} unless the merchant chose another. */
    public String captureMethodOrDefault() {
        return captureMethod == null ? "automatic" : captureMethod;
    }

    public boolean manualCapture() {
        return "manual".equals(captureMethod);
    }

    public IntentData withMetadata(Map<String, String> newMetadata) {
        return new IntentData(description, newMetadata, receiptEmail, setupFutureUsage, statementDescriptor,
                statementDescriptorSuffix, captureMethod);
    }
}
