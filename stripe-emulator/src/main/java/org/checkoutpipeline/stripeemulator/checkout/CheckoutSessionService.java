package org.checkoutpipeline.stripeemulator.checkout;

import java.time.Instant;
import java.util.function.Predicate;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ListParams;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.events.EventBus;
import org.checkoutpipeline.stripeemulator.events.EventBus.RequestContext;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.Page;

/**
 * Creates, reads, lists and expires Checkout Sessions, and runs the time-driven transitions
 * ({@link #sweep(Instant)}): expiring open sessions past {@code expires_at} and settling delayed
 * payments that are due.
 */
public final class CheckoutSessionService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckoutSessionService.class);

    private final EmulatorStore store;
    private final EmulatorClock clock;
    private final EventBus events;
    private final SessionParams sessionParams;
    private final CompletionService completions;

    public CheckoutSessionService(EmulatorStore store, EmulatorClock clock, EventBus events,
            Currencies currencies, CompletionService completions) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.sessionParams = new SessionParams(currencies, store);
        this.completions = completions;
    }

    /** What {@code POST /v1/checkout/sessions} accepts and which of it the emulator implements. */
    public static OperationParams createParameters() {
        return SessionParams.CREATE;
    }

    public CheckoutSession create(Params params) {
        long now = clock.epochSecond();
        NewSession n = sessionParams.parse(params, now);
        if (n.customerId() != null && store.customers().get(n.customerId()) == null) {
            throw ApiError.invalid("resource_missing", "customer",
                    "No such customer: '" + n.customerId() + "'");
        }
        var paymentStatus = n.mode() == CheckoutSession.Mode.SETUP
                ? CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED : CheckoutSession.PaymentStatus.UNPAID;
        var session = new CheckoutSession(store.ids().next("cs_test_"), now, n.expiresAt(), n.mode(),
                CheckoutSession.Status.OPEN, paymentStatus, n.currency(), n.lineItems(), n.amountTotal(),
                n.successUrl(), n.cancelUrl(), n.clientReferenceId(), n.metadata(), n.options(), n.methods(), Collected.NONE,
                n.customerEmail(),
                n.customerId(), null, null, null, null, null, null, 0);
        // Rates given inline (shipping_rate_data) become Shipping Rates of their own, as at Stripe.
        for (var rate : n.options().shippingOptions()) {
            if (store.shippingRates().get(rate.id()) == null) {
                store.shippingRates().insert(rate.id(), rate);
            }
        }
        store.sessions().insert(session.id(), session);
        store.dueTimes().schedule(session.expiresAt(), session.id());
        return session;
    }

    /** The email the payment page starts with: {@code customer_email}, else the Customer's, else "". */
    public String prefilledEmail(CheckoutSession s) {
        if (s.customerEmail() != null) {
            return s.customerEmail();
        }
        var customer = s.customerId() == null ? null : store.customers().get(s.customerId());
        return customer == null || customer.email() == null ? "" : customer.email();
    }

    /**
     * Opens the session that recovers an expired one ({@code after_expiration[recovery]}): its items,
     * options and customer, a new id and 24 hours to pay, {@code recovered_from} the expired session.
     * Null when the session cannot be recovered (not expired, recovery not enabled, or past 30 days).
     */
    public CheckoutSession recover(String expiredId) {
        CheckoutSession expired = store.sessions().get(expiredId);
        long now = clock.epochSecond();
        if (expired == null || expired.status() != CheckoutSession.Status.EXPIRED
                || !expired.options().recovery().enabled()
                || now > expired.expiresAt() + CheckoutJson.RECOVERY_SECONDS) {
            return null;
        }
        var session = new CheckoutSession(store.ids().next("cs_test_"), now, now + SessionParams.MAX_EXPIRY_SECONDS,
                expired.mode(), CheckoutSession.Status.OPEN, expired.mode() == CheckoutSession.Mode.SETUP
                        ? CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED : CheckoutSession.PaymentStatus.UNPAID,
                expired.currency(), expired.lineItems(), expired.amountTotal(), expired.successUrl(),
                expired.cancelUrl(), expired.clientReferenceId(), expired.metadata(),
                expired.options().recovering(expiredId), expired.methods(), Collected.NONE, expired.customerEmail(), expired.customerId(),
                null, null, null, null, null, null, 0);
        store.sessions().insert(session.id(), session);
        store.dueTimes().schedule(session.expiresAt(), session.id());
        return session;
    }

    /** The session, or null when there is none with this id. */
    /** The PaymentIntent a completed session created, or null; for the voucher page. */
    public org.checkoutpipeline.stripeemulator.payment.PaymentIntent findPaymentIntent(String id) {
        return store.paymentIntents().get(id);
    }

    public CheckoutSession find(String id) {
        return store.sessions().get(id);
    }

    public CheckoutSession retrieve(String id) {
        CheckoutSession session = store.sessions().get(id);
        if (session == null) {
            throw ApiError.resourceMissing("checkout.session", id, "session");
        }
        return session;
    }

    /** {@code POST /v1/checkout/sessions/{id}}: merges the given {@code metadata} into the session's. */
    public CheckoutSession update(String id, Params params) {
        retrieve(id);
        return store.sessions().update(id, current -> current.withMetadata(
                Metadata.merge(current.metadata(), params, "metadata", store.interner()::intern)));
    }

    /** {@code POST /v1/checkout/sessions/{id}/expire}: only open sessions can be expired. */
    public CheckoutSession expire(String id, RequestContext context) {
        retrieve(id);
        var changed = new boolean[1];
        CheckoutSession result = store.sessions().update(id, current -> {
            if (!current.isOpen()) {
                return current;
            }
            changed[0] = true;
            return current.expired();
        });
        if (!changed[0]) {
            throw ApiError.invalid(null, null, "Only Checkout Sessions with a status in [\"open\"] can be"
                    + " expired. This Checkout Session has a status of \"" + result.status().wire() + "\".")
                    .storable();
        }
        events.publish("checkout.session.expired", clock.epochSecond(), result, context);
        return result;
    }

    /** Lists sessions newest first with Stripe's filters. */
    public Page<CheckoutSession> list(ListParams list, Params filters) {
        String status = filters.nonEmptyString("status", "");
        if (status != null && !java.util.List.of("complete", "expired", "open").contains(status)) {
            throw ApiError.invalidEnum("status", status, java.util.List.of("complete", "expired", "open"));
        }
        String customer = filters.nonEmptyString("customer", "");
        String paymentIntent = filters.nonEmptyString("payment_intent", "");
        String subscription = filters.nonEmptyString("subscription", "");
        Params details = filters.object("customer_details", "");
        String email = details == null ? null : details.nonEmptyString("email", "customer_details");
        // Sessions here never belong to a Payment Link or a customer Account, so those filters
        // match nothing, as they would at Stripe for ids that are not the session's.
        boolean matchesNone = filters.nonEmptyString("payment_link", "") != null
                || filters.nonEmptyString("customer_account", "") != null;
        Predicate<CheckoutSession> filter = s -> !matchesNone
                && (email == null || email.equals(s.detailsEmail()))
                && (status == null || s.status().wire().equals(status))
                && (customer == null || customer.equals(s.customerId()))
                && (paymentIntent == null || paymentIntent.equals(s.paymentIntentId()))
                && (subscription == null || subscription.equals(s.subscriptionId()));
        return list.page(store.sessions(), filter, CheckoutSession::created, "object");
    }

    /**
     * Expires one open session whose {@code expires_at} has passed (with its event), so that a
     * page opened between two sweeps never offers to pay an expired session. Returns whether it
     * expired now.
     */
    public boolean expireIfDue(String id, long nowSeconds) {
        var expired = new boolean[1];
        CheckoutSession result = store.sessions().update(id, current -> {
            if (!current.isOpen() || current.expiresAt() > nowSeconds) {
                return current;
            }
            expired[0] = true;
            return current.expired();
        });
        if (expired[0]) {
            events.publish("checkout.session.expired", nowSeconds, result, null);
        }
        return expired[0];
    }

    /**
     * Applies every transition that is due at {@code now}: open sessions past {@code expires_at}
     * expire (with their event), delayed payments past their settle time succeed or fail. Runs after
     * every clock advance; a background scheduler may call it too. Returns how many sessions changed.
     */
    public int sweep(Instant now) {
        long nowSeconds = now.getEpochSecond();
        int changed = 0;
        for (String id : store.dueTimes().takeDue(nowSeconds)) {
            CheckoutSession session = store.sessions().get(id);
            if (session == null) {
                continue;
            }
            try {
                if (session.isOpen() && session.expiresAt() <= nowSeconds) {
                    if (expireIfDue(session.id(), nowSeconds)) {
                        changed++;
                    }
                } else if (session.awaitsAsyncPayment() && session.asyncDueAt() <= nowSeconds) {
                    if (completions.settle(session.id(), nowSeconds)) {
                        changed++;
                    }
                }
            } catch (RuntimeException e) {
                // Taken but not done: due again at the next sweep rather than lost, and the rest still run.
                store.dueTimes().schedule(nowSeconds, id);
                LOG.warn("sweep could not process session {}; it is retried at the next sweep", id, e);
            }
        }
        return changed;
    }
}
