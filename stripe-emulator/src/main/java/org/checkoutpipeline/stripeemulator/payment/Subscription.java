package org.checkoutpipeline.stripeemulator.payment;

/**
 * A Subscription created when a subscription-mode session is paid.
 *
 * @param status {@code active}, {@code trialing} during a trial, or {@code incomplete} while a
 *     delayed first payment is pending, {@code incomplete_expired} when it failed
 * @param interval interval of the first recurring line item, with {@code intervalCount}
 * @param data the session's {@code subscription_data}
 * @param trialEnd when its trial ends (epoch seconds), or null without one
 */
public record Subscription(String id, long created, String customer, String status,
        String currency, String checkoutSession, String interval, int intervalCount, SubscriptionData data,
        Long trialEnd) {

    public Subscription withStatus(String newStatus) {
        return new Subscription(id, created, customer, newStatus, currency, checkoutSession, interval,
                intervalCount, data, trialEnd);
    }
}
