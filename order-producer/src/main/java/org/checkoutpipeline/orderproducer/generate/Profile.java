package org.checkoutpipeline.orderproducer.generate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.events.UiMode;

/**
 * What kind of shop a synthetic order comes from, beyond its prices: the Checkout options it sets.
 * A profile that does not fit an order's mode (a trial on a one-time payment) leaves it {@link #PLAIN}.
 * None needs anything set up in the Stripe account, so every profile works against the emulator and
 * against a fresh Stripe test account alike ({@link #TAXED} needs Stripe Tax switched on there).
 */
public enum Profile {
    /** Inline prices only, as before OrderPlaced v2. */
    PLAIN,
    /** Physical goods: SKUs, a shipping address in the currency's countries, Standard and Express rates, a code field, the phone. */
    SHIPPED,
    /** As SHIPPED, with Stripe Tax computing tax from the address on exclusive prices. */
    TAXED,
    /** The payment form embedded in the storefront: a client secret instead of a URL, a return URL. */
    EMBEDDED,
    /** Authorised at checkout, captured by the merchant when the goods ship. */
    MANUAL_CAPTURE,
    /** A subscription with a 14-day free trial. */
    TRIAL;

    /** Default: every order plain, as before profiles existed. */
    public static final String DEFAULT_MIX = "plain=100";
    static final int TRIAL_DAYS = 14;
    private static final Map<String, List<String>> COUNTRIES = Map.of("usd", List.of("US", "CA"),
            "eur", List.of("DE", "FR", "NL", "AT", "IE"), "gbp", List.of("GB"), "jpy", List.of("JP"),
            "aud", List.of("AU"), "mxn", List.of("MX"));

    /** The profiles parsed from {@code plain=50,shipped=30,embedded=10,trial=10}. */
    public static Mix<Profile> mix(String text) {
        return Mix.parse(text, "profile", name -> valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    /** Whether this profile applies to an order of {@code mode}. */
    public boolean fits(CheckoutMode mode) {
        return switch (this) {
            case PLAIN -> true;
            case SHIPPED, TAXED, MANUAL_CAPTURE -> mode == CheckoutMode.PAYMENT;
            case EMBEDDED -> mode != CheckoutMode.SETUP;
            case TRIAL -> mode == CheckoutMode.SUBSCRIPTION;
        };
    }

    /** The option name, as {@code --profiles} takes it. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Applies the profile to a plain order built so far; {@code unit} is one major unit of the order's
     * currency in minor units (100 for usd, 1 for jpy).
     */
    void apply(OrderPlaced.Builder order, long unit) {
        if (this == PLAIN || !fits(order.getMode())) {
            return;
        }
        CheckoutOptions.Builder options = CheckoutOptions.newBuilder();
        switch (this) {
            case SHIPPED, TAXED -> {
                List<LineItem> items = order.getLineItems().stream().map(item -> LineItem.newBuilder(item)
                        .setSku(item.getName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-") + "-" + item.getUnitAmount())
                        .setTaxBehavior(this == TAXED ? TaxBehavior.EXCLUSIVE : null).build()).toList();
                order.setLineItems(items);
                TaxBehavior rateTax = this == TAXED ? TaxBehavior.EXCLUSIVE : null;
                options.setShippingCountries(COUNTRIES.getOrDefault(order.getCurrency(), List.of("US")))
                        .setShippingRates(List.of(new ShippingRateData("Standard", 5 * unit, 3, 5, rateTax),
                                new ShippingRateData("Express", 15 * unit, 1, 2, rateTax)))
                        .setAllowPromotionCodes(true)
                        .setCollectPhone(true)
                        .setAutomaticTax(this == TAXED);
            }
            case EMBEDDED -> {
                options.setUiMode(UiMode.EMBEDDED).setReturnUrl(order.getSuccessUrl());
                order.setSuccessUrl("").setCancelUrl("");
            }
            case MANUAL_CAPTURE -> options.setManualCapture(true);
            case TRIAL -> options.setTrialPeriodDays(TRIAL_DAYS);
            default -> throw new IllegalStateException(name());
        }
        order.setCheckout(options.build());
    }
}
