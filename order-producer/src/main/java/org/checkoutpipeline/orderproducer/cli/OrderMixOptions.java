package org.checkoutpipeline.orderproducer.cli;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.orderproducer.generate.Mix;
import org.checkoutpipeline.orderproducer.generate.Profile;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import picocli.CommandLine.Option;

/** {@code --modes}, {@code --currencies} and {@code --profiles}: the mix of synthetic orders, for every command that makes them. */
public final class OrderMixOptions {

    @Option(names = "--modes", defaultValue = SyntheticOrders.DEFAULT_MODES,
            description = "Mix of checkout modes (default ${DEFAULT-VALUE}).")
    private String modes;

    @Option(names = "--currencies", defaultValue = SyntheticOrders.DEFAULT_CURRENCIES,
            description = "Mix of currencies (default ${DEFAULT-VALUE}).")
    private String currencies;

    @Option(names = "--profiles", defaultValue = Profile.DEFAULT_MIX,
            description = "Mix of shop profiles, the Checkout options each order sets: plain, shipped (SKUs, shipping "
                    + "address and rates, a promotion code field, phone), taxed (shipped with Stripe Tax), embedded, "
                    + "manual-capture, trial (subscriptions) (default ${DEFAULT-VALUE}).")
    private String profiles;

    /** @throws IllegalArgumentException naming the option text that is not a mix */
    public Mix<Profile> profiles() {
        return Profile.mix(profiles);
    }

    /** @throws IllegalArgumentException naming the option text that is not a mix */
    public Mix<CheckoutMode> modes() {
        return SyntheticOrders.modes(modes);
    }

    /** @throws IllegalArgumentException naming the option text that is not a mix */
    public Mix<String> currencies() {
        return SyntheticOrders.currencies(currencies);
    }
}
