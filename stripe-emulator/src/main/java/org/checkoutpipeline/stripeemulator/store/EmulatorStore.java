package org.checkoutpipeline.stripeemulator.store;

import org.checkoutpipeline.stripeemulator.methods.MethodConfiguration;

import org.checkoutpipeline.stripeemulator.catalog.Coupon;
import org.checkoutpipeline.stripeemulator.catalog.Price;
import org.checkoutpipeline.stripeemulator.catalog.Product;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.checkoutpipeline.stripeemulator.payment.Customer;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.SetupIntent;
import org.checkoutpipeline.stripeemulator.payment.Subscription;

/**
 * All emulator state, in memory. Each kind of object lives in a bounded {@link ObjectIndex};
 * sessions evict terminal (complete or expired) sessions before open ones.
 */
public final class EmulatorStore {

    private final Ids ids = new Ids();
    private final DueTimes dueTimes = new DueTimes();
    private final MethodConfiguration methodConfiguration = new MethodConfiguration();
    private final Interner interner = new Interner(10_000);
    private final ObjectIndex<CheckoutSession> sessions;
    private final ObjectIndex<Customer> customers;
    private final ObjectIndex<Product> products;
    private final ObjectIndex<Price> prices;
    private final ObjectIndex<Coupon> coupons;
    private final ObjectIndex<PromotionCode> promotionCodes;
    private final ObjectIndex<TaxRate> taxRates;
    private final ObjectIndex<ShippingRate> shippingRates;
    private final ObjectIndex<PaymentIntent> paymentIntents;
    private final ObjectIndex<Invoice> invoices;
    private final ObjectIndex<Subscription> subscriptions;
    private final ObjectIndex<SetupIntent> setupIntents;
    private final ObjectIndex<StripeEvent> events;

    public EmulatorStore(int maxSessions, int maxEvents) {
        sessions = new ObjectIndex<>(maxSessions, CheckoutSession::isTerminal);
        customers = new ObjectIndex<>(maxSessions, c -> true);
        products = new ObjectIndex<>(maxSessions, p -> true);
        prices = new ObjectIndex<>(maxSessions, p -> true);
        coupons = new ObjectIndex<>(maxSessions, c -> true);
        promotionCodes = new ObjectIndex<>(maxSessions, p -> true);
        taxRates = new ObjectIndex<>(maxSessions, t -> true);
        shippingRates = new ObjectIndex<>(maxSessions, r -> true);
        paymentIntents = new ObjectIndex<>(maxSessions, p -> true);
        invoices = new ObjectIndex<>(maxSessions, i -> true);
        subscriptions = new ObjectIndex<>(maxSessions, s -> true);
        setupIntents = new ObjectIndex<>(maxSessions, s -> true);
        events = new ObjectIndex<>(maxEvents, e -> true);
    }

    /** When sessions next have something due: expiry, a delayed payment settling. */
    public DueTimes dueTimes() {
        return dueTimes;
    }

    /** Which payment methods sessions without {@code payment_method_types} may offer. */
    public MethodConfiguration methodConfiguration() {
        return methodConfiguration;
    }

    public Ids ids() {
        return ids;
    }

    public Interner interner() {
        return interner;
    }

    public ObjectIndex<CheckoutSession> sessions() {
        return sessions;
    }

    public ObjectIndex<Customer> customers() {
        return customers;
    }

    public ObjectIndex<Product> products() {
        return products;
    }

    public ObjectIndex<Price> prices() {
        return prices;
    }

    public ObjectIndex<Coupon> coupons() {
        return coupons;
    }

    public ObjectIndex<PromotionCode> promotionCodes() {
        return promotionCodes;
    }

    public ObjectIndex<TaxRate> taxRates() {
        return taxRates;
    }

    public ObjectIndex<ShippingRate> shippingRates() {
        return shippingRates;
    }

    public ObjectIndex<PaymentIntent> paymentIntents() {
        return paymentIntents;
    }

    public ObjectIndex<Invoice> invoices() {
        return invoices;
    }

    public ObjectIndex<Subscription> subscriptions() {
        return subscriptions;
    }

    public ObjectIndex<SetupIntent> setupIntents() {
        return setupIntents;
    }

    public ObjectIndex<StripeEvent> events() {
        return events;
    }
}
