package org.checkoutpipeline.stripeemulator.checkout;

import java.util.Map;
import org.checkoutpipeline.stripeemulator.payment.IntentData;

/**
 * The Checkout options a session was created with, beyond its mode, items and URLs. Sessions
 * without any share {@link #NONE}, so they cost nothing. A new option is a component here.
 *
 * @param submitType {@code auto|book|donate|pay|subscribe}, or null when not given
 * @param paymentIntentData what {@code payment_intent_data} hands the PaymentIntent
 */
public record SessionOptions(String submitType, IntentData paymentIntentData) {

    public static final SessionOptions NONE = new SessionOptions(null, IntentData.NONE);

    /** NONE when nothing was set, so that plain sessions share one instance. */
    static SessionOptions of(String submitType, IntentData paymentIntentData) {
        var options = new SessionOptions(submitType, paymentIntentData);
        return options.equals(NONE) ? NONE : options;
    }

    static IntentData intentData(Map<String, String> metadata, String description, String receiptEmail,
            String setupFutureUsage, String statementDescriptor, String statementDescriptorSuffix) {
        var data = new IntentData(description, metadata, receiptEmail, setupFutureUsage, statementDescriptor,
                statementDescriptorSuffix);
        return data.equals(IntentData.NONE) ? IntentData.NONE : data;
    }
}
