package org.checkoutpipeline.bridge.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.stripe.net.Webhook;
import org.checkoutpipeline.bridge.verify.RejectedWebhook.Reason;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class WebhookVerifierTest {

    private static final String OLD_SECRET = "whsec_old";
    private static final String NEW_SECRET = "whsec_new";
    private static final String EVENT = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
            + "\"data\":{\"object\":{\"id\":\"cs_1\",\"object\":\"checkout.session\"}}}";

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final WebhookVerifier verifier = new WebhookVerifier(List.of(NEW_SECRET, OLD_SECRET), Duration.ofMinutes(5), clock);

    @Test
    void aFreshEventSignedWithEitherSecretIsAccepted() throws Exception {
        assertThat(verifier.verify(EVENT, sign(OLD_SECRET, 0)).getId()).isEqualTo("evt_1");
        assertThat(verifier.verify(EVENT, sign(NEW_SECRET, 0)).getId()).isEqualTo("evt_1");
    }

    @Test
    void aGenuineSignatureOlderThanTheToleranceIsStaleAndSaysHowOld() {
        assertThatThrownBy(() -> verifier.verify(EVENT, sign(OLD_SECRET, 301)))
                .isInstanceOfSatisfying(RejectedWebhook.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP))
                .hasMessageContaining("301 s ago").hasMessageContaining("300 s tolerance");
    }

    @Test
    void aForgedSignatureIsBadWhateverItsTimestamp() {
        assertThatThrownBy(() -> verifier.verify(EVENT, sign("whsec_forged", 3_600)))
                .isInstanceOfSatisfying(RejectedWebhook.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> verifier.verify(EVENT.replace("cs_1", "cs_2"), sign(NEW_SECRET, 0)))
                .isInstanceOfSatisfying(RejectedWebhook.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void aHeaderWithoutANumericTimestampIsMalformed() {
        String signature = sign(NEW_SECRET, 0).replaceFirst("t=\\d+", "t=soon");
        assertThatThrownBy(() -> verifier.verify(EVENT, signature))
                .isInstanceOfSatisfying(RejectedWebhook.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE))
                .hasMessageContaining("t=soon");
        assertThat(WebhookVerifier.timestampOf("v1=abc, t=1700000000")).isEqualTo(1_700_000_000L);
        assertThat(WebhookVerifier.timestampOf("v1=abc")).isEqualTo(-1);
    }

    /** A Stripe-Signature header signed {@code ageSeconds} before the clock's now. */
    private String sign(String secret, long ageSeconds) {
        try {
            return Webhook.Signature.generateSignatureHeader(EVENT, secret, clock.instant().getEpochSecond() - ageSeconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
