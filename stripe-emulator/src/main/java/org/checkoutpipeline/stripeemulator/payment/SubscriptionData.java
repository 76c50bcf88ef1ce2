package org.checkoutpipeline.stripeemulator.payment;

import java.util.Map;

/**
 * What a subscription-mode session's {@code subscription_data} hands the Subscription.
 *
 * @param trialDays {@code trial_period_days}, or null
 * @param trialEnd {@code trial_end} (epoch seconds), or null
 */
public record SubscriptionData(String description, Map<String, String> metadata, Long trialDays, Long trialEnd) {

    public static final SubscriptionData NONE = new SubscriptionData(null, Map.of(), null, null);

    public boolean hasTrial() {
        return trialDays != null || trialEnd != null;
    }

    /** When a trial that starts at {@code start} ends, or null without a trial. */
    public Long trialEndFrom(long start) {
        return trialEnd != null ? trialEnd : trialDays != null ? start + trialDays * 86_400 : null;
    }
}
