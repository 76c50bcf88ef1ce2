package org.checkoutpipeline.stripeemulator.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.events.EventBus;
import org.checkoutpipeline.stripeemulator.methods.Flow;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.payment.Customer;
import org.checkoutpipeline.stripeemulator.payment.IntentData;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.SetupIntent;
import org.checkoutpipeline.stripeemulator.payment.Subscription;
import org.checkoutpipeline.stripeemulator.payment.SubscriptionData;
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

    private static final long DAY = 24 * 60 * 60;

    private final EmulatorStore store;
    private final CustomerEntries entries;
    private final EmulatorClock clock;
    private final EventBus events;
    private final Duration asyncDelay;

    public CompletionService(EmulatorStore store, EmulatorClock clock, EventBus events,
            Duration asyncDelay, AutomaticTax automaticTax) {
        this.store = store;
        this.entries = new CustomerEntries(store, automaticTax);
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
     * @param quantities chosen quantities by line index, where {@code adjustable_quantity} allows
     * @param optionalItems the {@code optional_items} added, by index, with their quantities
     */
    public record Payer(String email, String name, String promotionCode, String shippingRate,
            Address.Shipping shipping, Collected.Details details, Map<Integer, Long> quantities,
            Map<Integer, Long> optionalItems) {

        public Payer(String email, String name) {
            this(email, name, null, null, null, Collected.Details.NONE, Map.of(), Map.of());
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
        return open.withEntries(accepted.options(), accepted.collected(), accepted.lineItems());
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
            recordFailure(sessionId, outcome);
            throw outcome.declineError();
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
        if (applied[0]) {
            store.dueTimes().cancel(after.expiresAt(), after.id()); // paid: it will not expire
            if (after.awaitsAsyncPayment()) {
                store.dueTimes().schedule(after.asyncDueAt(), after.id());
            }
        }
        entries.redeem(after.options());
        for (Pending p : pending) {
            events.publish(p.type(), now, p.snapshot(), null);
        }
        if (after.paymentStatus() == CheckoutSession.PaymentStatus.PAID) {
            invoice(after, now);
        }
        events.publish("checkout.session.completed", now, after, null);
        return after;
    }

    /**
     * Records a declined attempt on an open payment-mode session, as Stripe does: the session's
     * PaymentIntent (created by the first attempt) is left {@code requires_payment_method} with the
     * attempt as {@code last_payment_error}, and {@code payment_intent.payment_failed} is sent. The
     * session stays open; a later attempt that succeeds pays the same PaymentIntent.
     */
    public void recordFailure(String sessionId, PaymentOutcome declined) {
        CheckoutSession s = store.sessions().get(sessionId);
        if (s == null || !s.isOpen() || s.mode() != CheckoutSession.Mode.PAYMENT) {
            return;
        }
        long now = clock.epochSecond();
        var attempt = new PaymentIntent.FailedAttempt(declined.declineType(), declined.decline().code(),
                declined.decline().declineCode(), declined.decline().message(), declined.paymentMethodType());
        // The first failed attempt creates the PaymentIntent; claimed on the session first, so two attempts
        // at the same moment make one PaymentIntent, and the later updates it.
        String fresh = store.ids().next("pi_");
        CheckoutSession claimed = store.sessions().update(sessionId, current -> current.isOpen()
                && current.paymentIntentId() == null ? current.withPaymentIntent(fresh) : current);
        if (!claimed.isOpen() || claimed.paymentIntentId() == null) {
            return;
        }
        PaymentIntent intent;
        if (!claimed.paymentIntentId().equals(fresh)) {
            intent = store.paymentIntents().update(claimed.paymentIntentId(), pi -> pi.withFailedAttempt(attempt));
            if (intent == null) {
                return;
            }
        } else {
            IntentData data = s.options().paymentIntentData();
            intent = new PaymentIntent(fresh, now, s.dueNow().total(), s.currency(), s.customerId(),
                    "requires_payment_method", declined.paymentMethodType(), s.id(), null, data,
                    data.captureMethodOrDefault(), 0, null, null, Map.of(), null, attempt);
            store.paymentIntents().insert(intent.id(), intent);
            events.publish("payment_intent.created", now, intent, null);
        }
        events.publish("payment_intent.payment_failed", now, intent, null);
    }

    private CheckoutSession pay(CheckoutSession open, CustomerEntries.Accepted accepted,
            PaymentOutcome outcome, Payer payer, long now, List<Pending> pending) {
        CheckoutSession s = open.withEntries(accepted.options(), accepted.collected(), accepted.lineItems());
        long amount = s.dueNow().total();
        String customerId = s.customerId();
        Customer existing = customerId == null ? null : store.customers().get(customerId);
        String email = payer.email() != null ? payer.email()
                : s.customerEmail() != null ? s.customerEmail()
                : existing != null && existing.email() != null ? existing.email() : "customer@example.com";
        String name = payer.name() != null || existing == null ? payer.name() : existing.name();
        Collected.Details details = s.collected().details();
        if (existing != null) {
            Customer updated = customerUpdate(existing, s, name, details);
            if (!updated.equals(existing)) {
                store.customers().update(existing.id(), c -> updated);
                pending.add(new Pending("customer.updated", updated));
            }
        }
        if (customerId == null && s.options().createsCustomer(s.mode())) {
            var customer = new Customer(store.ids().next("cus_"), now, email, payer.name(), null, details.phone(),
                    details.billingAddress(), s.collected().shipping(), Map.of());
            store.customers().insert(customer.id(), customer);
            pending.add(new Pending("customer.created", customer));
            customerId = customer.id();
        }
        boolean async = outcome.isAsync();
        Boolean asyncSucceeds = async ? outcome.kind() == PaymentOutcome.Kind.ASYNC_SUCCESS : null;
        boolean voucher = PaymentMethodCatalog.stripe().get(outcome.paymentMethodType()).flow() == Flow.VOUCHER;
        Long voucherExpiresAt = voucher ? now + s.methods().expiresAfterDays(outcome.paymentMethodType()) * DAY : null;
        long dueAt = !async ? 0 : outcome.settleAfterSeconds() == PaymentOutcome.CONFIGURED_DELAY
                ? now + asyncDelay.toSeconds() : outcome.settleAfterSeconds() == PaymentOutcome.AT_VOUCHER_EXPIRY
                ? voucherExpiresAt : now + outcome.settleAfterSeconds();
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
                IntentData data = s.options().paymentIntentData();
                // A manual capture authorizes now and is captured later (POST .../capture); until then
                // nothing is received and the session is unpaid.
                boolean hold = data.manualCapture() && !async;
                // A voucher waits for the customer to pay it (requires_action); a debit is processing.
                String status = voucher ? "requires_action" : async ? "processing" : hold ? "requires_capture"
                        : "succeeded";
                // A failed attempt created the PaymentIntent already: this attempt pays that one.
                PaymentIntent attempted = s.paymentIntentId() == null ? null : store.paymentIntents().get(s.paymentIntentId());
                boolean retried = attempted != null && attempted.status().equals("requires_payment_method");
                var intent = new PaymentIntent(retried ? s.paymentIntentId() : store.ids().next("pi_"), now, amount,
                        s.currency(), customerId, status, outcome.paymentMethodType(), s.id(), null, data,
                        data.captureMethodOrDefault(), status.equals("succeeded") ? amount : 0, null, null,
                        outcome.details(), voucherExpiresAt, null);
                if (retried) {
                    store.paymentIntents().update(intent.id(), previous -> intent);
                } else {
                    store.paymentIntents().insert(intent.id(), intent);
                    pending.add(new Pending("payment_intent.created", intent));
                }
                pending.add(new Pending("payment_intent." + switch (status) {
                    case "requires_capture" -> "amount_capturable_updated";
                    default -> status;
                }, intent));
                paymentIntentId = intent.id();
                paymentStatus = async || hold ? CheckoutSession.PaymentStatus.UNPAID
                        : CheckoutSession.PaymentStatus.PAID;
            }
            case SUBSCRIPTION -> {
                LineItem recurring = s.lineItems().stream().filter(LineItem::recurring).findFirst()
                        .orElseThrow();
                SubscriptionData data = s.options().subscriptionData();
                Long trialEnd = data.trialEndFrom(now);
                var subscription = new Subscription(store.ids().next("sub_"), now, customerId,
                        trialEnd != null ? "trialing" : async ? "incomplete" : "active", s.currency(), s.id(),
                        recurring.interval(), recurring.intervalCount(), data, trialEnd);
                store.subscriptions().insert(subscription.id(), subscription);
                pending.add(new Pending("customer.subscription.created", subscription));
                subscriptionId = subscription.id();
                // Stripe: no_payment_required when "the payment is delayed to a future date" (a trial).
                paymentStatus = trialEnd != null && amount == 0 ? CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED
                        : async ? CheckoutSession.PaymentStatus.UNPAID : CheckoutSession.PaymentStatus.PAID;
            }
            default -> {
                var intent = new SetupIntent(store.ids().next("seti_"), now, customerId, "succeeded",
                        outcome.paymentMethodType(), s.id(), s.options().setupIntentData().description(),
                        s.options().setupIntentData().metadata(), outcome.details());
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

    /** The session's Customer after {@code customer_update}: what the page collected, where set to auto. */
    private static Customer customerUpdate(Customer c, CheckoutSession s, String name, Collected.Details details) {
        SessionOptions.CustomerUpdate update = s.options().customerUpdate();
        return new Customer(c.id(), c.created(), c.email(), update.name() && name != null ? name : c.name(),
                c.description(), c.phone(), update.address() && details.billingAddress() != null
                        ? details.billingAddress() : c.address(),
                update.shipping() && s.collected().shipping() != null ? s.collected().shipping() : c.shipping(),
                c.metadata());
    }

    /** The id of the Invoice a session creates: derived from the session's, so it costs no storage. */
    public static String invoiceId(String sessionId) {
        return "in_" + sessionId.substring(sessionId.indexOf('_', 3) + 1);
    }

    /**
     * With {@code invoice_creation[enabled]}, the paid Invoice for a session whose payment just
     * succeeded, and its events ({@code invoice.created}, {@code .finalized}, {@code .paid},
     * {@code .payment_succeeded}).
     */
    private void invoice(CheckoutSession s, long now) {
        Invoice.Data data = s.options().invoiceCreation();
        if (data == null || s.mode() != CheckoutSession.Mode.PAYMENT) {
            return;
        }
        Totals totals = s.dueNow();
        var lines = new ArrayList<Invoice.Line>();
        for (int i = 0; i < s.lineItems().size(); i++) {
            LineItem item = s.lineItems().get(i);
            Totals.Line amounts = totals.lines().get(i);
            lines.add(new Invoice.Line("il_" + invoiceId(s.id()).substring(3) + i, item.productName(), item.quantity(),
                    amounts.subtotal() - amounts.discount(), s.currency()));
        }
        Customer customer = s.customerId() == null ? null : store.customers().get(s.customerId());
        var invoice = new Invoice(invoiceId(s.id()), now, s.customerId(), s.currency(), totals.subtotal(),
                totals.tax(), totals.total(), s.detailsEmail(), s.detailsName(),
                customer == null ? null : customer.phone(), customer == null ? null : customer.address(),
                data.description(), data.footer(), data.metadata(), data.customFields(), List.copyOf(lines),
                invoiceId(s.id()).substring(3, 11).toUpperCase(java.util.Locale.ROOT) + "-0001");
        store.invoices().insert(invoice.id(), invoice);
        for (String type : List.of("invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded")) {
            events.publish(type, now, invoice, null);
        }
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
        if (succeeded) {
            invoice(after, now);
        }
        events.publish(succeeded ? "checkout.session.async_payment_succeeded"
                : "checkout.session.async_payment_failed", now, after, null);
        return true;
    }

    /**
     * {@code POST /v1/payment_intents/{id}/capture}: captures an authorized (manual capture)
     * PaymentIntent, in full or {@code amountToCapture} of it, releasing the rest; its session is then
     * paid. Records {@code payment_intent.succeeded}.
     */
    public PaymentIntent capture(String intentId, Long amountToCapture, java.util.function.UnaryOperator<Map<String, String>> metadata) {
        PaymentIntent current = store.paymentIntents().get(intentId);
        if (current == null) {
            throw ApiError.resourceMissing("payment_intent", intentId, "intent");
        }
        if (!"requires_capture".equals(current.status())) {
            throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state", null,
                    "This PaymentIntent could not be captured because it has a status of " + current.status()
                            + ". Only a PaymentIntent with one of the following statuses may be captured:"
                            + " requires_capture.", null, true);
        }
        long amount = amountToCapture == null ? current.amount() : amountToCapture;
        if (amount < 1 || amount > current.amount()) {
            throw ApiError.invalid("parameter_invalid_integer", "amount_to_capture", "Invalid amount_to_capture:"
                    + " it must be between 1 and the authorized amount, " + current.amount() + " (it is " + amount
                    + ")");
        }
        PaymentIntent captured = store.paymentIntents().update(intentId, pi -> "requires_capture".equals(pi.status())
                ? pi.captured(amount, pi.data().withMetadata(metadata.apply(pi.data().metadata()))) : pi);
        if (!"succeeded".equals(captured.status())) {
            throw ApiError.invalid(null, null, "This PaymentIntent was changed by another request; retrieve it.");
        }
        events.publish("payment_intent.succeeded", clock.epochSecond(), captured, null);
        if (captured.checkoutSession() != null) {
            CheckoutSession paid = store.sessions().update(captured.checkoutSession(), CheckoutSession::paidByCapture);
            if (paid != null) {
                invoice(paid, clock.epochSecond());
            }
        }
        return captured;
    }

    /**
     * {@code POST /v1/payment_intents/{id}/cancel}: releases an authorization (or cancels an intent
     * that cannot succeed any more); records {@code payment_intent.canceled}.
     */
    public PaymentIntent cancel(String intentId, String reason) {
        PaymentIntent current = store.paymentIntents().get(intentId);
        if (current == null) {
            throw ApiError.resourceMissing("payment_intent", intentId, "intent");
        }
        if (!List.of("requires_capture", "requires_payment_method", "requires_action").contains(current.status())) {
            throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state", null,
                    "You cannot cancel this PaymentIntent because it has a status of " + current.status()
                            + ". Only a PaymentIntent with one of the following statuses may be canceled:"
                            + " requires_payment_method, requires_capture, requires_action.", null, true);
        }
        CheckoutSession owner = current.checkoutSession() == null ? null : store.sessions().get(current.checkoutSession());
        if (owner != null && owner.isOpen()) {
            // Stripe: a Checkout Session's PaymentIntent is the session's to settle while it is open.
            throw new ApiError(400, "invalid_request_error", "payment_intent_unexpected_state", null,
                    "You cannot cancel this PaymentIntent because it belongs to the Checkout Session " + owner.id()
                            + ", which is still open. Expire the Checkout Session instead.", null, true);
        }
        long now = clock.epochSecond();
        PaymentIntent canceled = store.paymentIntents().update(intentId, pi -> pi.canceled(now, reason));
        events.publish("payment_intent.canceled", now, canceled, null);
        // A voucher canceled before it was paid can no longer be paid: its session's payment failed.
        var ended = new boolean[1];
        CheckoutSession session = store.sessions().update(canceled.checkoutSession(), s -> {
            if (!s.awaitsAsyncPayment()) {
                return s;
            }
            ended[0] = true;
            return s.settled(false);
        });
        if (ended[0]) {
            events.publish("checkout.session.async_payment_failed", now, session, null);
        }
        return canceled;
    }
}
