package org.checkoutpipeline.orderproducer.generate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;

/**
 * Plausible orders for load tests and demos: modes and currencies drawn from their {@link Mix}es,
 * one to three products priced well above Stripe's minimum charge, subscriptions billed monthly or
 * yearly, each with the Checkout options of a {@link Profile} drawn from its mix (all plain unless
 * {@link #withProfiles} says otherwise). Reproducible for a given seed. Not thread-safe.
 *
 * <p>URLs may contain {@code {ORDER_ID}}, replaced by each order's id; Stripe replaces
 * {@code {CHECKOUT_SESSION_ID}} itself.
 */
public final class SyntheticOrders {

    /** Default modes: mostly one-time payments. */
    public static final String DEFAULT_MODES = "payment=80,subscription=12,setup=8";
    /** Default currencies, including a zero-decimal one. */
    public static final String DEFAULT_CURRENCIES = "usd=55,eur=25,gbp=12,jpy=8";
    public static final String DEFAULT_SUCCESS_URL = "https://shop.example/orders/{ORDER_ID}/thanks?session={CHECKOUT_SESSION_ID}";
    public static final String DEFAULT_CANCEL_URL = "https://shop.example/orders/{ORDER_ID}/cart";

    private static final List<String> PRODUCTS = List.of("T-shirt", "Hoodie", "Mug", "Notebook", "Sticker pack",
            "Water bottle", "Cap", "Tote bag", "Poster", "Socks");
    private static final List<String> PLANS = List.of("Coffee club", "Book box", "Pro plan", "Team plan");

    private final Mix<CheckoutMode> modes;
    private Mix<Profile> profiles = Profile.mix(Profile.DEFAULT_MIX);
    private final Mix<String> currencies;
    private final Random random;
    private final Clock clock;
    private final String idPrefix;
    private final String successUrl;
    private final String cancelUrl;
    private long sequence;

    public SyntheticOrders(Mix<CheckoutMode> modes, Mix<String> currencies, long seed, Clock clock, String idPrefix,
                           String successUrl, String cancelUrl) {
        this.modes = modes;
        this.currencies = currencies;
        this.random = new Random(seed);
        this.clock = clock;
        this.idPrefix = idPrefix;
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
    }

    /** Modes parsed from {@code payment=80,subscription=10,setup=10}. */
    public static Mix<CheckoutMode> modes(String text) {
        return Mix.parse(text, "mode", name -> CheckoutMode.valueOf(name.toUpperCase(Locale.ROOT)));
    }

    /** Currencies parsed from {@code usd=60,eur=30,jpy=10} (lowercase ISO 4217). */
    public static Mix<String> currencies(String text) {
        return Mix.parse(text, "currency", name -> {
            String code = name.toLowerCase(Locale.ROOT);
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return code;
        });
    }

    /** Draws each order's {@link Profile} (its Checkout options) from {@code profiles}; all plain by default. */
    public SyntheticOrders withProfiles(Mix<Profile> profiles) {
        this.profiles = profiles;
        return this;
    }

    /** The next order, of a mode drawn from the mix. */
    public OrderPlaced next() {
        return next(modes.pick(random));
    }

    /** The next order, of the given mode, with a profile drawn from the mix. */
    public OrderPlaced next(CheckoutMode mode) {
        return next(mode, currencies.pick(random), profiles.pick(random));
    }

    /** The next order, of the given mode, currency and profile. */
    public OrderPlaced next(CheckoutMode mode, String currency, Profile profile) {
        sequence++;
        String orderId = String.format(Locale.ROOT, "%s-%06d", idPrefix, sequence);
        Instant now = clock.instant();
        OrderPlaced.Builder order = OrderPlaced.newBuilder()
                .setEventId("evt_order_" + orderId)
                .setOrderId(orderId)
                .setOccurredAt(now)
                .setPlacedAt(now)
                .setCustomerEmail("customer" + sequence + "@example.com")
                .setCustomerId("cust_" + (1 + random.nextInt(10_000)))
                .setMode(mode)
                .setCurrency(currency)
                .setLineItems(lineItems(mode, currency))
                .setSuccessUrl(successUrl.replace("{ORDER_ID}", orderId))
                .setCancelUrl(cancelUrl.replace("{ORDER_ID}", orderId))
                .setMetadata(Map.of("source", "synthetic"))
                .setCheckoutLifetimeSeconds(null);
        profile.apply(order, (long) Math.pow(10, fractionDigits(currency)));
        return order.build();
    }

    private static int fractionDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
    }

    private List<LineItem> lineItems(CheckoutMode mode, String currency) {
        List<LineItem> items = new ArrayList<>();
        switch (mode) {
            case SETUP -> {
            }
            case SUBSCRIPTION -> {
                boolean yearly = random.nextInt(4) == 0;
                items.add(LineItem.newBuilder()
                        .setName(PLANS.get(random.nextInt(PLANS.size())) + (yearly ? " (yearly)" : " (monthly)"))
                        .setUnitAmount(price(currency) * (yearly ? 10 : 1))
                        .setQuantity(1)
                        .setRecurring(new Recurring(yearly ? RecurringInterval.YEAR : RecurringInterval.MONTH, 1))
                        .build());
            }
            case PAYMENT -> {
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    items.add(LineItem.newBuilder()
                            .setName(PRODUCTS.get(random.nextInt(PRODUCTS.size())))
                            .setUnitAmount(price(currency))
                            .setQuantity(1 + random.nextInt(3))
                            .build());
                }
            }
        }
        return items;
    }

    /** A price from 4.99 to 79.99 in the currency's major unit (500 to 8,000 for zero-decimal ones), in minor units. */
    private long price(String currency) {
        int digits = fractionDigits(currency);
        long major = 5 + random.nextInt(76);
        if (digits == 0) {
            return major * 100;
        }
        return major * (long) Math.pow(10, digits) - 1;
    }
}
