package org.checkoutpipeline.stripeemulator.webhooks;

import java.util.List;

/**
 * Webhook settings fixed at start-up.
 *
 * @param policy retries, timeout and duplicates; the part that may change at run time
 * @param maxPendingDeliveries bound on deliveries waiting for their next attempt; beyond it new
 *     deliveries are dropped (and logged as such) rather than let memory grow
 * @param maxLoggedAttempts how many delivery attempts {@code GET /_emulator/webhook_deliveries}
 *     keeps, oldest dropped first
 * @param endpoints endpoints registered at start-up with known secrets
 */
public record WebhookSettings(DeliveryPolicy policy, int maxPendingDeliveries, int maxLoggedAttempts,
        List<FixedEndpoint> endpoints) {

    public static final int DEFAULT_MAX_PENDING = 10_000;
    public static final int DEFAULT_LOG_SIZE = 10_000;
    public static final WebhookSettings DEFAULT = new WebhookSettings(DeliveryPolicy.DEFAULT,
            DEFAULT_MAX_PENDING, DEFAULT_LOG_SIZE, List.of());

    public WebhookSettings {
        if (policy == null) {
            throw new IllegalArgumentException("webhook delivery policy must be given");
        }
        if (maxPendingDeliveries < 1) {
            throw new IllegalArgumentException(
                    "max pending webhook deliveries must be at least 1, was " + maxPendingDeliveries);
        }
        if (maxLoggedAttempts < 1) {
            throw new IllegalArgumentException(
                    "webhook delivery log size must be at least 1, was " + maxLoggedAttempts);
        }
        endpoints = List.copyOf(endpoints);
    }

    public WebhookSettings withPolicy(DeliveryPolicy value) {
        return new WebhookSettings(value, maxPendingDeliveries, maxLoggedAttempts, endpoints);
    }

    public WebhookSettings withEndpoint(FixedEndpoint endpoint) {
        var all = new java.util.ArrayList<>(endpoints);
        all.add(endpoint);
        return new WebhookSettings(policy, maxPendingDeliveries, maxLoggedAttempts, all);
    }
}
