package org.checkoutpipeline.stripeemulator.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.events.EventBus;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.payment.Customer;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.SetupIntent;
import org.checkoutpipeline.stripeemulator.payment.Subscription;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;

/**
 * Pays for a session the way a customer on the hosted page does, and settles delayed payments.
 * Used by {@code POST /_emulator/checkout/sessions/{id}/complete} and by anything else that
 * completes sessions (such as a hosted payment page).
 *
 * <p>A successful payment creates a Customer (unless the session already has one) and, by mode, a
 * PaymentIntent, a Subscription or a SetupIntent; marks the session {@code complete}; and records
 * {@code customer.created}, the intent's event and {@code checkout.session.completed}. A declined
 * card changes nothing and is reported as a 402 {@code card_error}. A delayed payment method
 * completes the session with {@code payment_status=unpaid}; after the configured delay in emulator
 * time {@link #settle} records {@code checkout.session.async_payment_succeeded} or
 * {@code ..._failed}.
 */
public final class CompletionService {

    private final EmulatorStore store;
    private final CustomerEntries entries;
    private final EmulatorClock clock;
    private final EventBus events;
    private final Duration asyncDelay;

    public CompletionService(EmulatorStore store, EmulatorClock clock, EventBus events,
            Duration asyncDelay) {
        this.store = store;
        this.entries = new CustomerEntries(store);
        this.clock = clock;
        this.events = events;
        this.asyncDelay = asyncDelay;
    }

    /**
     * What the customer enters on the payment page: email and name, and where the session asks for
     * them, a promotion code, a shipping option and address, and the other details of
     * {@link PageFields} (billing address, phone, tax IDs, custom fields, consent).
     *
     * @param shippingRate the id of the chosen shipping option, or null for the default
     */
    public record Payer(String email, String name, String promotionCode, String shippingRate,
            Address.Shipping shipping, Collected.Details details) {

        public Payer(String email, String name) {
            this(email, name, null, null, null, Collected.Details.NONE);
        }
    }

    private record Pending(String type, Object snapshot) {}

    /**
     * The open session as it would be with what the customer entered so far (a promotion code, a
     * shipping option and address), for showing its totals; refuses entries the session does not
     * accept, but not missing ones ({@link #check} does, before paying).
     */
    public CheckoutSession preview(CheckoutSession open, Payer payer) {
        CustomerEntries.Accepted accepted = entries.accept(open, payer, clock.epochSecond(), false);
        return open.withEntries(accepted.options(), accepted.collected());
    }

    /** Refuses what {@link #complete} would refuse of the customer's entries, without paying. */
    public void check(CheckoutSession open, Payer payer) {
        entries.accept(open, payer, clock.epochSecond(), true);
    }

    public CheckoutSession complete(String sessionId, PaymentOutcome outcome, Payer payer) {
        CheckoutSession before = store.sessions().get(sessionId);
        if (before == null) {
            throw ApiError.resourceMissing("checkout.session", sessionId, "session");
        }
        requireOpen(before);
        if (outcome.isAsync() && before.mode() == CheckoutSession.Mode.SETUP) {
            throw ApiError.invalid(null, "outcome", "Delayed payment outcomes do not apply to a session"
                    + " in setup mode (" + sessionId + ").");
        }
        if (outcome.kind() == PaymentOutcome.Kind.DECLINE) {
            var d = outcome.decline();
            throw new ApiError(402, "card_error", d.code(), null, d.message(), d.declineCode(), false);
        }
        long now = clock.epochSecond();
        CustomerEntries.Accepted accepted = entries.accept(before, payer, now, true);
        var pending = new ArrayList<Pending>();
        var applied = new boolean[1];
        CheckoutSession after = store.sessions().update(sessionId, current -> {
            if (!current.isOpen()) {
                return current;
            }
            applied[0] = true;
            return pay(current, accepted, outcome, payer, now, pending);
        });
        if (!applied[0]) {
            requireOpen(after);
        }
        entries.redeem(after.options());
        for (Pending p : pending) {
            events.publish(p.type(), now, p.snapshot(), null);
        }
        events.publish("checkout.session.completed", now, after, null);
        return after;
    }

    private CheckoutSession pay(CheckoutSession open, CustomerEntries.Accepted accepted,
            PaymentOutcome outcome, Payer payer, long now, List<Pending> pending) {
        CheckoutSession s = open.withEntries(accepted.options(), accepted.collected());
        long amount = s.totals().total();
        String customerId = s.customerId();
        Customer existing = customerId == null ? null : store.customers().get(customerId);
        String email = payer.email() != null ? payer.email()
                : s.customerEmail() != null ? s.customerEmail()
                : existing != null && existing.email() != null ? existing.email() : "customer@example.com";
        String name = payer.name() != null || existing == null ? payer.name() : existing.name();
        if (customerId == null) {
            Collected.Details details = s.collected().details();
            var customer = new Customer(store.ids().next("cus_"), now, email, payer.name(), null, details.phone(),
                    details.billingAddress(), s.collected().shipping(), Map.of());
            store.customers().insert(customer.id(), customer);
            pending.add(new Pending("customer.created", customer));
            customerId = customer.id();
        }
        boolean async = outcome.isAsync();
        Boolean asyncSucceeds = async ? outcome.kind() == PaymentOutcome.Kind.ASYNC_SUCCESS : null;
        long dueAt = async ? now + asyncDelay.toSeconds() : 0;
        String paymentIntentId = null;
        String subscriptionId = null;
        String setupIntentId = null;
        CheckoutSession.PaymentStatus paymentStatus;
        switch (s.mode()) {
            case PAYMENT -> {
                if (amount == 0) {
                    paymentStatus = CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED;
                    break;
                }
                var intent = new PaymentIntent(store.ids().next("pi_"), now, amount,
                        s.currency(), customerId, async ? "processing" : "succeeded",
                        outcome.paymentMethodType(), s.id(), null, s.options().paymentIntentData());
                store.paymentIntents().insert(intent.id(), intent);
                pending.add(new Pending("payment_intent.created", intent));
                pending.add(new Pending(async ? "payment_intent.processing" : "payment_intent.succeeded",
                        intent));
                paymentIntentId = intent.id();
                paymentStatus = async ? CheckoutSession.PaymentStatus.UNPAID
                        : CheckoutSession.PaymentStatus.PAID;
            }
            case SUBSCRIPTION -> {
                LineItem recurring = s.lineItems().stream().filter(LineItem::recurring).findFirst()
                        .orElseThrow();
                var subscription = new Subscription(store.ids().next("sub_"), now, customerId,
                        async ? "incomplete" : "active", s.currency(), s.id(), recurring.interval(),
                        recurring.intervalCount());
                store.subscriptions().insert(subscription.id(), subscription);
                pending.add(new Pending("customer.subscription.created", subscription));
                subscriptionId = subscription.id();
                paymentStatus = async ? CheckoutSession.PaymentStatus.UNPAID
                        : CheckoutSession.PaymentStatus.PAID;
            }
            default -> {
                var intent = new SetupIntent(store.ids().next("seti_"), now, customerId, "succeeded",
                        outcome.paymentMethodType(), s.id());
                store.setupIntents().insert(intent.id(), intent);
                pending.add(new Pending("setup_intent.created", intent));
                pending.add(new Pending("setup_intent.succeeded", intent));
                setupIntentId = intent.id();
                paymentStatus = CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED;
            }
        }
        return s.completed(paymentStatus, accepted.options(), accepted.collected(), amount, email, name,
                customerId, paymentIntentId,
                subscriptionId, setupIntentId, asyncSucceeds, dueAt);
    }

    private static void requireOpen(CheckoutSession session) {
        if (!session.isOpen()) {
            throw ApiError.invalid(null, null, "This Checkout Session is no longer open: "
                    + session.id() + " has status '" + session.status().wire() + "'.");
        }
    }

    /**
     * Settles the delayed payment of a completed session if it is due at {@code now}. Returns
     * whether it settled.
     */
    public boolean settle(String sessionId, long now) {
        var outcome = new Boolean[1];
        CheckoutSession after = store.sessions().update(sessionId, current -> {
            if (!current.awaitsAsyncPayment() || current.asyncDueAt() > now) {
                return current;
            }
            outcome[0] = current.asyncOutcome();
            return current.settled(current.asyncOutcome());
        });
        if (after == null || outcome[0] == null) {
            return false;
        }
        boolean succeeded = outcome[0];
        if (after.paymentIntentId() != null) {
            PaymentIntent intent = store.paymentIntents().update(after.paymentIntentId(),
                    pi -> succeeded ? pi.withStatus("succeeded", null)
                            : pi.withStatus("requires_payment_method", "generic_decline"));
            if (intent != null) {
                events.publish(succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed",
                        now, intent, null);
            }
        }
        if (after.subscriptionId() != null) {
            Subscription subscription = store.subscriptions().update(after.subscriptionId(),
                    sub -> sub.withStatus(succeeded ? "active" : "incomplete_expired"));
            if (subscription != null) {
                events.publish("customer.subscription.updated", now, subscription, null);
            }
        }
        events.publish(succeeded ? "checkout.session.async_payment_succeeded"
                : "checkout.session.async_payment_failed", now, after, null);
        return true;
    }
}
