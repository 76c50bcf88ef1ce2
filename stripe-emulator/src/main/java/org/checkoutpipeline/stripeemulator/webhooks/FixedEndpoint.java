package org.checkoutpipeline.stripeemulator.webhooks;

import java.util.List;

/**
 * A webhook endpoint that exists from start-up with a secret chosen in advance (flags,
 * environment or {@code StripeEmulator.builder().webhookEndpoint(url, secret)}), so that a
 * receiver can be configured with its secret before the emulator runs.
 *
 * @param enabledEvents event types to send; {@code *} for all
 */
public record FixedEndpoint(String url, String secret, List<String> enabledEvents) {

    public FixedEndpoint {
        WebhookEndpoint.requireHttpUrl(url, "webhook endpoint URL");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret for " + url + " must not be blank");
        }
        enabledEvents = List.copyOf(enabledEvents);
        if (enabledEvents.isEmpty()) {
            throw new IllegalArgumentException("enabled events for " + url + " must not be empty;"
                    + " use '*' for all");
        }
        enabledEvents.forEach(type -> WebhookEndpoint.requireEventType(type, "enabled event"));
    }

    public static FixedEndpoint allEvents(String url, String secret) {
        return new FixedEndpoint(url, secret, List.of("*"));
    }
}
