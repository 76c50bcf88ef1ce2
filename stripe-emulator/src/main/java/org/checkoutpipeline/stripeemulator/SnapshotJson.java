package org.checkoutpipeline.stripeemulator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutJson;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.payment.Customer;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.payment.SetupIntent;
import org.checkoutpipeline.stripeemulator.payment.Subscription;

/** Renders the object an event is about (its {@code data.object}) in its Stripe shape. */
final class SnapshotJson implements Function<Object, Map<String, Object>> {

    private final CheckoutJson checkoutJson;
    private final PaymentJson paymentJson;

    SnapshotJson(CheckoutJson checkoutJson, PaymentJson paymentJson) {
        this.checkoutJson = checkoutJson;
        this.paymentJson = paymentJson;
    }

    @Override
    public Map<String, Object> apply(Object snapshot) {
        if (snapshot instanceof CheckoutSession s) {
            return checkoutJson.session(s, List.of());
        }
        if (snapshot instanceof Customer c) {
            return paymentJson.customer(c);
        }
        if (snapshot instanceof PaymentIntent p) {
            return paymentJson.paymentIntent(p);
        }
        if (snapshot instanceof Subscription s) {
            return paymentJson.subscription(s);
        }
        if (snapshot instanceof SetupIntent s) {
            return paymentJson.setupIntent(s);
        }
        if (snapshot instanceof Invoice i) {
            return paymentJson.invoice(i);
        }
        throw new IllegalStateException("no JSON view for " + snapshot.getClass().getName());
    }
}
