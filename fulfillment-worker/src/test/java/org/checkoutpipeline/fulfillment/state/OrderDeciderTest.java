package org.checkoutpipeline.fulfillment.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.junit.jupiter.api.Test;

class OrderDeciderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrderDecider DECIDER = new OrderDecider(
            new OrderDecider.Rules(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(2)));

    private final TestEvents events = new TestEvents("o-1", NOW.minusSeconds(600));

    @Test
    void aPaidCompletionIsFulfilledAtOnce() {
        OrderFacts order = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(events.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID)));

        Verdict verdict = DECIDER.decide(order, NOW);

        assertThat(verdict.status()).isEqualTo(OrderState.FULFILLMENT_REQUESTED);
        assertThat(verdict.dueDecision()).hasValueSatisfying(decision ->
                assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FULFILLMENT_REQUESTED));
    }

    @Test
    void nothingIsDecidedWithoutTheOrderEvenWhenPaid() {
        OrderFacts order = facts(EventFacts.of(events.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID)));

        Verdict verdict = DECIDER.decide(order, NOW);

        assertThat(verdict.status()).isEqualTo(OrderState.AWAITING_ORDER);
        assertThat(verdict.dueDecision()).isEmpty();
        assertThat(verdict.nextCheckAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void anUnpaidCompletionWaitsForTheDelayedPaymentEvenAfterAnExpiry() {
        OrderFacts order = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID)),
                EventFacts.of(events.expired()));

        Verdict verdict = DECIDER.decide(order, NOW.plus(Duration.ofDays(1)));

        assertThat(verdict.status()).isEqualTo(OrderState.PAYMENT_PENDING);
        assertThat(verdict.dueDecision()).isEmpty();
    }

    @Test
    void aCheckoutFailureCancelsOnceTheSettlementPeriodHasPassed() {
        OrderFacts order = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)), EventFacts.of(events.failed()));

        assertThat(DECIDER.decide(order, NOW.plus(Duration.ofSeconds(119))).dueDecision()).isEmpty();
        Verdict verdict = DECIDER.decide(order, NOW.plus(Duration.ofMinutes(2)));

        assertThat(verdict.dueDecision()).hasValueSatisfying(decision -> {
            assertThat(decision.reason()).isEqualTo(CancellationReason.CHECKOUT_FAILED);
            assertThat(decision.detail()).contains("STRIPE_REJECTED");
        });
    }

    @Test
    void aDecidedOrderIsNeverDecidedAgain() {
        OrderFacts order = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(events.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID)));
        OrderFacts decided = order.decided(DECIDER.decide(order, NOW).due());

        assertThat(DECIDER.decide(decided.with(EventFacts.of(events.expired()), NOW), NOW).dueDecision()).isEmpty();
        assertThatThrownBy(() -> decided.decided(decided.decision()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("o-1");
    }

    private static OrderFacts facts(Fact... facts) {
        OrderFacts order = OrderFacts.empty("o-1");
        for (Fact fact : facts) {
            order = order.with(fact, NOW);
        }
        return order;
    }
}
