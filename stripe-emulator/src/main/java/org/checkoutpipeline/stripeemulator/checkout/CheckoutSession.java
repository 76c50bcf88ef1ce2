package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.methods.SessionMethods;

/**
 * The stored state of a Checkout Session: an immutable value, replaced as a whole on every state
 * change. Old versions stay valid snapshots, which is what events and idempotent replays render.
 * JSON is produced on read by {@link CheckoutJson}; nothing here is pre-rendered.
 *
 * @param amountTotal total of the line items in minor units, or null in setup mode
 * @param options the Checkout options it was created with ({@link SessionOptions#NONE} for none)
 * @param methods the payment methods it offers
 * @param detailsEmail the email the customer paid with (customer_details.email), null while open
 * @param asyncOutcome for a delayed payment method: whether it will succeed; null otherwise
 * @param asyncDueAt emulator epoch second at which the delayed payment settles (0 when none)
 */
public record CheckoutSession(
        String id,
        long created,
        long expiresAt,
        Mode mode,
        Status status,
        PaymentStatus paymentStatus,
        String currency,
        List<LineItem> lineItems,
        Long amountTotal,
        String successUrl,
        String cancelUrl,
        String clientReferenceId,
        Map<String, String> metadata,
        SessionOptions options,
        SessionMethods methods,
        Collected collected,
        String customerEmail,
        String customerId,
        String detailsEmail,
        String detailsName,
        String paymentIntentId,
        String subscriptionId,
        String setupIntentId,
        Boolean asyncOutcome,
        long asyncDueAt) {

    /** Checkout mode. */
    public enum Mode {
        PAYMENT, SETUP, SUBSCRIPTION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Session status. */
    public enum Status {
        OPEN, COMPLETE, EXPIRED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Payment status. */
    public enum PaymentStatus {
        PAID, UNPAID, NO_PAYMENT_REQUIRED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The shipping rate charged: the customer's choice, else the first option, else null. */
    public ShippingRate shippingRate() {
        if (collected.shippingRate() != null) {
            return collected.shippingRate();
        }
        return options.shippingOptions().isEmpty() ? null : options.shippingOptions().get(0);
    }

    /** Each line's money, computed from its items, discount and shipping. */
    public Totals totals() {
        return Totals.of(lineItems, options, collected, shippingRate(), false);
    }

    /** What is due today: {@link #totals()}, less recurring lines during a subscription trial. */
    public Totals dueNow() {
        return Totals.of(lineItems, options, collected, shippingRate(), true);
    }

    /**
     * Whether the page asks for payment details: always, but with
     * {@code payment_method_collection=if_required} not when nothing is due today (a trial, a full
     * discount).
     */
    public boolean collectsPaymentMethod() {
        return !"if_required".equals(options.paymentMethodCollection()) || dueNow().total() > 0;
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public boolean isTerminal() {
        return status != Status.OPEN;
    }

    public boolean awaitsAsyncPayment() {
        return asyncOutcome != null;
    }

    public CheckoutSession withMetadata(Map<String, String> newMetadata) {
        return new CheckoutSession(id, created, expiresAt, mode, status, paymentStatus, currency, lineItems,
                amountTotal, successUrl, cancelUrl, clientReferenceId, newMetadata, options, methods, collected, customerEmail,
                customerId, detailsEmail, detailsName, paymentIntentId, subscriptionId, setupIntentId,
                asyncOutcome, asyncDueAt);
    }

    /** The open session with what the customer entered on the page, before paying. */
    public CheckoutSession withEntries(SessionOptions newOptions, Collected newCollected, List<LineItem> newItems) {
        return new CheckoutSession(id, created, expiresAt, mode, status, paymentStatus, currency, newItems,
                amountTotal, successUrl, cancelUrl, clientReferenceId, metadata, newOptions, methods, newCollected,
                customerEmail, customerId, detailsEmail, detailsName, paymentIntentId, subscriptionId,
                setupIntentId, asyncOutcome, asyncDueAt);
    }

    /** The session once the authorization of its manual-capture payment is captured. */
    public CheckoutSession paidByCapture() {
        return new CheckoutSession(id, created, expiresAt, mode, status, PaymentStatus.PAID, currency, lineItems,
                amountTotal, successUrl, cancelUrl, clientReferenceId, metadata, options, methods, collected, customerEmail,
                customerId, detailsEmail, detailsName, paymentIntentId, subscriptionId, setupIntentId, asyncOutcome,
                asyncDueAt);
    }

    /** The open session with the PaymentIntent its customer's first (failed) attempt created. */
    public CheckoutSession withPaymentIntent(String newPaymentIntentId) {
        return new CheckoutSession(id, created, expiresAt, mode, status, paymentStatus, currency,
                lineItems, amountTotal, successUrl, cancelUrl, clientReferenceId, metadata, options, methods, collected,
                customerEmail, customerId, detailsEmail, detailsName, newPaymentIntentId, subscriptionId, setupIntentId,
                asyncOutcome, asyncDueAt);
    }

    public CheckoutSession expired() {
        return new CheckoutSession(id, created, expiresAt, mode, Status.EXPIRED, paymentStatus, currency,
                lineItems, amountTotal, successUrl, cancelUrl, clientReferenceId, metadata, options, methods, collected,
                customerEmail, customerId, detailsEmail, detailsName, paymentIntentId, subscriptionId, setupIntentId,
                null, 0);
    }

    /** The session after the customer paid (or started a delayed payment). */
    public CheckoutSession completed(PaymentStatus newPaymentStatus, SessionOptions newOptions,
            Collected newCollected, long newAmountTotal, String email, String name,
            String customer, String paymentIntent, String subscription, String setupIntent,
            Boolean pendingAsyncOutcome, long dueAt) {
        return new CheckoutSession(id, created, expiresAt, mode, Status.COMPLETE, newPaymentStatus,
                currency, lineItems, mode == Mode.SETUP ? amountTotal : Long.valueOf(newAmountTotal), successUrl, cancelUrl,
                clientReferenceId, metadata, newOptions, methods, newCollected,
                customerEmail, customer, email, name, paymentIntent, subscription, setupIntent,
                pendingAsyncOutcome, dueAt);
    }

    /** The session after its delayed payment settled. */
    public CheckoutSession settled(boolean succeeded) {
        return new CheckoutSession(id, created, expiresAt, mode, status,
                succeeded ? PaymentStatus.PAID : PaymentStatus.UNPAID, currency, lineItems, amountTotal,
                successUrl, cancelUrl, clientReferenceId, metadata, options, methods, collected, customerEmail,
                customerId, detailsEmail, detailsName, paymentIntentId, subscriptionId, setupIntentId, null, 0);
    }
}
