package org.checkoutpipeline.orderproducer.cli;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.orderproducer.generate.Mix;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import picocli.CommandLine.Option;

/** {@code --modes} and {@code --currencies}: the mix of synthetic orders, for every command that makes them. */
public final class OrderMixOptions {

    @Option(names = "--modes", defaultValue = SyntheticOrders.DEFAULT_MODES,
            description = "Mix of checkout modes (default ${DEFAULT-VALUE}).")
    private String modes;

    @Option(names = "--currencies", defaultValue = SyntheticOrders.DEFAULT_CURRENCIES,
            description = "Mix of currencies (default ${DEFAULT-VALUE}).")
    private String currencies;

    /** @throws IllegalArgumentException naming the option text that is not a mix */
    public Mix<CheckoutMode> modes() {
        return SyntheticOrders.modes(modes);
    }

    /** @throws IllegalArgumentException naming the option text that is not a mix */
    public Mix<String> currencies() {
        return SyntheticOrders.currencies(currencies);
    }
}
