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
        if (!signatureHeader.contains("t=") || !signatureHeader.contains(Webhook.Signature.EXPECTED_SCHEME + "=")) {
            throw new RejectedWebhook(Reason.MALFORMED_SIGNATURE,
                    "Stripe-Signature must carry t=<timestamp> and v1=<signature>. Got: '" + abbreviate(signatureHeader) + "'");
        }
        SignatureVerificationException last = null;
        for (String secret : secrets) {
            try {
                return checkParsed(Webhook.constructEvent(payload, signatureHeader, secret, toleranceSeconds, clock));
            } catch (RuntimeException e) {
                throw new RejectedWebhook(Reason.NOT_JSON, "Signed body is not a JSON Stripe event: " + e.getMessage());
            } catch (SignatureVerificationException e) {
                last = e;
                if (isStale(e)) {
                    break;
                }
            }
        }
        Reason reason = isStale(last) ? Reason.STALE_TIMESTAMP
                : last.getMessage() != null && last.getMessage().startsWith("Unable to extract") ? Reason.MALFORMED_SIGNATURE
                : Reason.BAD_SIGNATURE;
        throw new RejectedWebhook(reason, last.getMessage());
    }

    private static Event checkParsed(Event event) throws RejectedWebhook {
        if (event == null || event.getId() == null || event.getType() == null) {
            throw new RejectedWebhook(Reason.NOT_JSON, "Signed body is not a Stripe event (no id or type)");
        }
        return event;
    }

    private static boolean isStale(SignatureVerificationException e) {
        return e != null && e.getMessage() != null && e.getMessage().contains("Timestamp outside the tolerance zone");
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
