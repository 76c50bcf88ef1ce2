package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class ExpirySweepTest {

    @Test
    void anOpenSessionExpiresAtItsExpiryTimeWithoutAnyApiCallAndTheWebhookSaysSo() throws Exception {
        var base = MutableClock.of(EmulatorTestSupport.START, ZoneOffset.UTC);
        try (var receiver = WebhookReceiver.start("whsec_expiry_sweep");
                var emulator = StripeEmulator.builder().port(0).host("127.0.0.1").clock(base)
                        .sweepInterval(Duration.ofMillis(50))
                        .webhookEndpoint(receiver.url(), "whsec_expiry_sweep").build().start()) {
            StripeClient client = EmulatorTestSupport.client(emulator);
            long expiresAt = EmulatorTestSupport.START.plus(Duration.ofMinutes(31)).getEpochSecond();
            Session session = client.v1().checkout().sessions().create(EmulatorTestSupport.payment()
                    .setExpiresAt(expiresAt).build());
            Session later = client.v1().checkout().sessions().create(EmulatorTestSupport.payment().build());

            base.add(Duration.ofMinutes(31));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(receiver.eventsMentioning(session.getId())).extracting(Event::getType)
                            .containsExactly("checkout.session.expired"));
            assertThat(emulator.sessions().find(session.getId()).status())
                    .isEqualTo(CheckoutSession.Status.EXPIRED);
            assertThat(emulator.sessions().find(later.getId()).status())
                    .isEqualTo(CheckoutSession.Status.OPEN);
            assertThat(client.v1().checkout().sessions().retrieve(session.getId()).getStatus())
                    .isEqualTo("expired");
        }
    }

    @Test
    void withTheSweepOffSessionsStillExpireWhenTheClockIsAdvanced() throws Exception {
        try (var emulator = StripeEmulator.builder().port(0).host("127.0.0.1")
                .clock(java.time.Clock.fixed(EmulatorTestSupport.START, java.time.ZoneOffset.UTC))
                .sweepInterval(Duration.ZERO).build().start()) {
            StripeClient client = EmulatorTestSupport.client(emulator);
            Session session = client.v1().checkout().sessions().create(EmulatorTestSupport.payment().build());

            emulator.clock().advance(Duration.ofHours(24));

            assertThat(client.v1().checkout().sessions().retrieve(session.getId()).getStatus())
                    .isEqualTo("expired");
        }
    }
}
