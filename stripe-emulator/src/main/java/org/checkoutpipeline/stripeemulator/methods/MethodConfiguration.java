package org.checkoutpipeline.stripeemulator.methods;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The account's payment method configuration: which methods a session without
 * {@code payment_method_types} may offer (Stripe's Dashboard settings). Starts as
 * {@link PaymentMethodCatalog#defaultConfiguration()}; {@code POST /_emulator/payment_method_configuration}
 * replaces it and {@code DELETE} restores the default.
 */
public final class MethodConfiguration {

    /** The id sessions report in {@code payment_method_configuration_details}. */
    public static final String ID = "pmc_emulator_default";

    private volatile Set<String> enabled = PaymentMethodCatalog.stripe().defaultConfiguration();
    /** Changes with every replacement, so that what was derived from the old set can be told apart. */
    private volatile int generation;

    public Set<String> enabled() {
        return enabled;
    }

    /** Replaces the enabled methods; each must be a modelled Checkout payment method type. */
    public void enable(Collection<String> types) {
        var checked = new LinkedHashSet<String>();
        for (String type : types) {
            PaymentMethodSpec spec = PaymentMethodCatalog.stripe().get(type);
            if (spec == null || !spec.modelled()) {
                throw new IllegalArgumentException("'" + type + "' is not a payment method type the emulator"
                        + " models; see stripe-emulator/README.md");
            }
            checked.add(type);
        }
        enabled = Set.copyOf(checked);
        generation++;
    }

    public void reset() {
        enabled = PaymentMethodCatalog.stripe().defaultConfiguration();
        generation++;
    }

    /** Which configuration {@link #enabled()} is: a new number after each change. */
    public int generation() {
        return generation;
    }
}
