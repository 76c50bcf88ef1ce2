package org.checkoutpipeline.allinone.demo;

import java.time.Duration;
import java.util.Objects;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.orderproducer.generate.Mix;

/**
 * What the demo does.
 *
 * @param orders     how many orders to place
 * @param customers  the mix of customer stories
 * @param modes      the mix of checkout modes
 * @param currencies the mix of currencies
 * @param seed       random seed: the same seed plays the same stories
 * @param timeout    how long the demo may take before it gives up on the orders still undecided
 */
public record DemoSettings(int orders, Mix<Story> customers, Mix<CheckoutMode> modes, Mix<String> currencies, long seed,
                           Duration timeout) {

    public DemoSettings {
        if (orders < 1 || orders > 1_000_000) {
            throw new IllegalArgumentException("orders must be from 1 to 1000000. Got: " + orders);
        }
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(currencies, "currencies");
        if (timeout == null || timeout.toSeconds() < 10) {
            throw new IllegalArgumentException("timeout must be at least 10s. Got: " + timeout);
        }
    }

    public static Mix<Story> customers(String text) {
        return Mix.parse(text, "customer story", Story::fromOptionName);
    }

    public String describe() {
        return "demo: " + orders + " orders; customers " + customers + "; modes " + modes + "; currencies " + currencies
                + "; seed " + seed + "; timeout " + timeout;
    }
}
