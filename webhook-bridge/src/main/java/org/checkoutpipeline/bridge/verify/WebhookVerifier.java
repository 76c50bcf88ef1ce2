package org.checkoutpipeline.bridge.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.checkoutpipeline.bridge.verify.RejectedWebhook.Reason;

/**
 * Checks a webhook's {@code Stripe-Signature} against the raw body with stripe-java, before
 * anything parses the body. Several secrets are accepted at once, so an endpoint secret can be
 * rotated without dropping webhooks signed with the old one.
 */
public final class WebhookVerifier {

    private final List<String> secrets;
    private final long toleranceSeconds;
    private final Clock clock;

    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("At least one webhook signing secret is needed");
        }
        this.secrets = List.copyOf(secrets);
        this.toleranceSeconds = tolerance.toSeconds();
        this.clock = clock;
    }

    /**
     * @return the verified event
     * @throws RejectedWebhook naming why the request is not a genuine, fresh Stripe event
     */
    public Event verify(String payload, String signatureHeader) throws RejectedWebhook {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new RejectedWebhook(Reason.MISSING_SIGNATURE, "No Stripe-Signature header");
        }
        long timestamp = timestampOf(signatureHeader);
        if (timestamp <= 0 || !signatureHeader.contains(Webhook.Signature.EXPECTED_SCHEME + "=")) {
            throw new RejectedWebhook(Reason.MALFORMED_SIGNATURE,
                    "Stripe-Signature must carry t=<timestamp> and v1=<signature>. Got: '" + abbreviate(signatureHeader) + "'");
        }
        // The signature first (stripe-java with tolerance 0 checks only that), then the signed time, as Stripe's
        // libraries order them: a forged request is "bad", a genuine one replayed too late is "stale".
        Event event = null;
        SignatureVerificationException last = null;
        for (String secret : secrets) {
            try {
                event = Webhook.constructEvent(payload, signatureHeader, secret, 0, clock);
                break;
            } catch (RuntimeException e) {
                throw new RejectedWebhook(Reason.NOT_JSON, "Signed body is not a JSON Stripe event: " + e.getMessage());
            } catch (SignatureVerificationException e) {
                last = e;
            }
        }
        if (event == null) {
            throw new RejectedWebhook(Reason.BAD_SIGNATURE, last.getMessage());
        }
        long age = clock.millis() / 1000 - timestamp;
        if (toleranceSeconds > 0 && age > toleranceSeconds) {
            throw new RejectedWebhook(Reason.STALE_TIMESTAMP, "Signed at t=" + timestamp + ", " + age
                    + " s ago: older than the " + toleranceSeconds + " s tolerance (a replay, or this host's clock is off)");
        }
        return checkParsed(event);
    }

    /** The header's {@code t=} value (Unix seconds), or -1 when it has none that is a number. */
    static long timestampOf(String signatureHeader) {
        for (String item : signatureHeader.split(",")) {
            String[] pair = item.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    return Long.parseLong(pair[1].trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static Event checkParsed(Event event) throws RejectedWebhook {
        if (event == null || event.getId() == null || event.getType() == null) {
            throw new RejectedWebhook(Reason.NOT_JSON, "Signed body is not a Stripe event (no id or type)");
        }
        return event;
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
