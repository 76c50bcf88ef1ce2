package org.checkoutpipeline.stripeemulator.payment;

/**
 * A PaymentIntent created when a payment-mode session is paid.
 *
 * @param status Stripe's status: {@code succeeded}, {@code processing} (delayed payment method) or
 *     {@code requires_payment_method} (the delayed payment failed)
 * @param paymentMethodType {@code card} or {@code sepa_debit}
 * @param data what the session's {@code payment_intent_data} set
 */
public record PaymentIntent(String id, long created, long amount, String currency, String customer,
        String status, String paymentMethodType, String checkoutSession, String declineCode,
        IntentData data) {

    public PaymentIntent withStatus(String newStatus, String newDeclineCode) {
        return new PaymentIntent(id, created, amount, currency, customer, newStatus, paymentMethodType,
                checkoutSession, newDeclineCode, data);
    }
}
