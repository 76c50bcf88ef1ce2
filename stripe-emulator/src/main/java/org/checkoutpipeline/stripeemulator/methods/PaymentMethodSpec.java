package org.checkoutpipeline.stripeemulator.methods;

import java.util.Set;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;

/**
 * What Stripe documents about one value of {@code payment_method_types}, as the emulator applies it.
 *
 * @param currencies the presentment currencies it accepts; empty for every currency (cards, Link)
 * @param modes the Checkout modes it can be used in
 * @param limitCurrency the currency of {@code minAmount} / {@code maxAmount}, or null when it has none
 * @param manualCapture whether {@code capture_method=manual} is supported
 * @param setupFutureUsage the {@code setup_future_usage} values it allows ({@code none} always)
 * @param deprecated no longer offered by Stripe (giropay, sofort): requesting it is refused
 * @param modelled whether the emulator implements its flow; an unmodelled method is refused plainly
 * @param enabledByDefault in the emulator's default payment method configuration
 */
public record PaymentMethodSpec(String type, String name, String category, Flow flow, Set<String> currencies,
        Set<CheckoutSession.Mode> modes, String limitCurrency, Long minAmount, Long maxAmount,
        boolean manualCapture, Set<String> setupFutureUsage, boolean deprecated, boolean modelled,
        boolean enabledByDefault) {

    public boolean supportsCurrency(String currency) {
        return currencies.isEmpty() || currencies.contains(currency);
    }

    /** Whether {@code amount} (minor units of {@code currency}) is within its limits; null amounts pass. */
    public boolean allowsAmount(Long amount, String currency) {
        if (amount == null || limitCurrency == null || !limitCurrency.equals(currency)) {
            return true;
        }
        return (minAmount == null || amount >= minAmount) && (maxAmount == null || amount <= maxAmount);
    }
}
