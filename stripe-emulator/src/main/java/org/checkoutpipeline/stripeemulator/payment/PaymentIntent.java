package org.checkoutpipeline.stripeemulator.payment;

/**
 * A PaymentIntent created when a payment-mode session is paid.
 *
 * @param status Stripe's status: {@code succeeded}, {@code processing} (delayed payment method),
 *     {@code requires_action} (a voucher not yet paid),
 *     {@code requires_capture} (manual capture, authorized), {@code canceled}, or
 *     {@code requires_payment_method} (the delayed payment failed)
 * @param paymentMethodType the Checkout payment method type it was paid with
 * @param data what the session's {@code payment_intent_data} set
 * @param captureMethod {@code automatic}, {@code automatic_async} or {@code manual}
 * @param amountReceived what was captured ({@code amount} once an automatic payment succeeds)
 * @param canceledAt when it was canceled (epoch seconds), or null
 * @param methodDetails the PaymentMethod's type-specific hash (a card's brand and last4, ...)
 * @param voucherExpiresAt for a voucher (OXXO, Boleto, ...): when it can no longer be paid; null otherwise
 * @param failedAttempt the customer's last failed attempt on the open session (a declined card, a
 *     failed redirect), rendered as {@code last_payment_error}; null otherwise
 */
public record PaymentIntent(String id, long created, long amount, String currency, String customer,
        String status, String paymentMethodType, String checkoutSession, String declineCode,
        IntentData data, String captureMethod, long amountReceived, Long canceledAt,
        String cancellationReason, java.util.Map<String, Object> methodDetails, Long voucherExpiresAt,
        FailedAttempt failedAttempt) {

    /** A failed attempt as Stripe reports it in {@code last_payment_error}. */
    public record FailedAttempt(String type, String code, String declineCode, String message, String paymentMethodType) {}

    public PaymentIntent withStatus(String newStatus, String newDeclineCode) {
        return new PaymentIntent(id, created, amount, currency, customer, newStatus, paymentMethodType,
                checkoutSession, newDeclineCode, data, captureMethod,
                "succeeded".equals(newStatus) ? amount : amountReceived, canceledAt, cancellationReason,
                methodDetails, voucherExpiresAt, failedAttempt);
    }

    /** The authorized amount captured, in full or in part (the rest is released). */
    public PaymentIntent captured(long amountToCapture, IntentData newData) {
        return new PaymentIntent(id, created, amount, currency, customer, "succeeded", paymentMethodType,
                checkoutSession, declineCode, newData, captureMethod, amountToCapture, canceledAt, cancellationReason,
                methodDetails, voucherExpiresAt, failedAttempt);
    }

    public PaymentIntent canceled(long at, String reason) {
        return new PaymentIntent(id, created, amount, currency, customer, "canceled", paymentMethodType,
                checkoutSession, declineCode, data, captureMethod, amountReceived, at, reason, methodDetails,
                voucherExpiresAt, failedAttempt);
    }

    /** The same intent after another failed attempt. */
    public PaymentIntent withFailedAttempt(FailedAttempt attempt) {
        return new PaymentIntent(id, created, amount, currency, customer, "requires_payment_method",
                attempt.paymentMethodType(), checkoutSession, declineCode, data, captureMethod, amountReceived, canceledAt,
                cancellationReason, methodDetails, voucherExpiresAt, attempt);
    }

    /** What can still be captured: the whole amount while authorized, nothing otherwise. */
    public long amountCapturable() {
        return "requires_capture".equals(status) ? amount : 0;
    }
}
