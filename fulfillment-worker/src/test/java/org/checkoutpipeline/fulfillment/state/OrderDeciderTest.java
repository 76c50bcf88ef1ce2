package org.checkoutpipeline.fulfillment.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.PaymentError;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.checkoutpipeline.schemas.order.LineItems;
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
    void anAuthorisedManualCaptureIsFulfilledSoTheMerchantCapturesOnShipment() {
        OrderFacts order = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(CheckoutCompleted.newBuilder(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID))
                        .setPurchase(TestEvents.purchase(CaptureState.AUTHORIZED, "card")).build()));
        OrderFacts pendingDebit = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(CheckoutCompleted.newBuilder(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID))
                        .setPurchase(TestEvents.purchase(CaptureState.PENDING, "sepa_debit")).build()));

        assertThat(DECIDER.decide(order, NOW).dueDecision()).hasValueSatisfying(decision -> {
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.FULFILLMENT_REQUESTED);
            assertThat(decision.detail()).contains("manual capture");
        });
        assertThat(DECIDER.decide(pendingDebit, NOW).status()).isEqualTo(OrderState.PAYMENT_PENDING);
    }

    @Test
    void aVoucherThatExpiresUnpaidIsCancelledAsAnExpiredVoucher() {
        OrderFacts voucher = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(CheckoutCompleted.newBuilder(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID))
                        .setPurchase(TestEvents.purchase(CaptureState.PENDING, "oxxo")).build()),
                EventFacts.of(CheckoutAsyncPaymentFailed.newBuilder(events.asyncFailed()).setPaymentMethodType("oxxo").build()));
        OrderFacts debit = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID)),
                EventFacts.of(CheckoutAsyncPaymentFailed.newBuilder(events.asyncFailed()).setPaymentMethodType("sepa_debit").build()));

        assertThat(DECIDER.decide(voucher, NOW).dueDecision()).hasValueSatisfying(decision ->
                assertThat(decision.reason()).isEqualTo(CancellationReason.VOUCHER_EXPIRED));
        assertThat(DECIDER.decide(debit, NOW).dueDecision()).hasValueSatisfying(decision ->
                assertThat(decision.reason()).isEqualTo(CancellationReason.ASYNC_PAYMENT_FAILED));
    }

    @Test
    void anExpiryAfterAFailedRedirectPaymentIsCancelledForThatFailureButACardDeclineIsAnExpiry() {
        OrderFacts redirect = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(CheckoutExpired.newBuilder(events.expired()).setLastPaymentError(new PaymentError(
                        "payment_intent_authentication_failure", null, "The provided payment method has failed authentication.",
                        "ideal")).build()));
        OrderFacts card = facts(EventFacts.of(events.placed(CheckoutMode.PAYMENT)),
                EventFacts.of(CheckoutExpired.newBuilder(events.expired()).setLastPaymentError(new PaymentError(
                        "card_declined", "generic_decline", "Your card was declined.", "card")).build()));

        assertThat(DECIDER.decide(redirect, NOW.plus(Duration.ofMinutes(2))).dueDecision()).hasValueSatisfying(decision -> {
            assertThat(decision.reason()).isEqualTo(CancellationReason.REDIRECT_PAYMENT_FAILED);
            assertThat(decision.detail()).contains("ideal", "payment_intent_authentication_failure");
        });
        assertThat(DECIDER.decide(card, NOW.plus(Duration.ofMinutes(2))).dueDecision()).hasValueSatisfying(decision -> {
            assertThat(decision.reason()).isEqualTo(CancellationReason.CHECKOUT_EXPIRED);
            assertThat(decision.detail()).contains("card_declined");
        });
    }

    @Test
    void theFulfilmentCarriesThePurchaseCapturedOnceTheDelayedPaymentSettledWithOrderedSkusFilledIn() {
        OrderPlaced placed = OrderPlaced.newBuilder(events.placed(CheckoutMode.PAYMENT))
                .setLineItems(List.of(LineItems.inline("Tea", 1_000, 2), LineItem.newBuilder(LineItems.price("price_pot", 1))
                        .setSku("POT-BLUE").build())).build();
        OrderFacts order = facts(EventFacts.of(placed),
                EventFacts.of(CheckoutCompleted.newBuilder(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID))
                        .setPurchase(TestEvents.purchase(CaptureState.PENDING, "sepa_debit")).build()),
                EventFacts.of(events.asyncSucceeded()));
        OrderFacts decided = order.decided(DECIDER.decide(order, NOW).due());

        FulfillmentRequested fulfilment = (FulfillmentRequested) OrderEvents.decisionOf(decided);

        assertThat(fulfilment.getPurchase().getCapture()).isEqualTo(CaptureState.CAPTURED);
        assertThat(fulfilment.getPurchase().getLineItems()).extracting(ChargedLineItem::getSku)
                .containsExactly("TEA-1", "POT-BLUE");
        assertThat(fulfilment.getLineItems()).extracting(LineItem::getPriceId).containsExactly(null, "price_pot");
        assertThat(fulfilment.getPurchase().getShipping().getAddress().getCity()).isEqualTo("Berlin");
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
