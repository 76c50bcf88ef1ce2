package org.checkoutpipeline.allinone.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.orderproducer.generate.Profile;

/**
 * What a demo customer does with their payment page, and how their order must therefore end. Some
 * stories need an order of their own kind: a mode, a currency, the Checkout options of a
 * {@link Profile}, the payment method offered.
 */
public enum Story {
    PAY("pay at once", null),
    DECLINED_THEN_PAY("declined, then pay", null),
    CANCEL_THEN_PAY("cancel, come back, pay", null),
    BANK_DEBIT_SUCCEEDS("bank debit succeeds", null),
    BANK_DEBIT_FAILS("bank debit fails", CancellationReason.ASYNC_PAYMENT_FAILED),
    ABANDON("abandon", CancellationReason.CHECKOUT_EXPIRED),
    SHIP_WITH_CODE("shipped, code, tax", null, CheckoutMode.PAYMENT, null, Profile.TAXED, List.of()),
    TRIAL("trial subscription", null, CheckoutMode.SUBSCRIPTION, null, Profile.TRIAL, List.of()),
    EMBEDDED("embedded page", null, CheckoutMode.PAYMENT, null, Profile.EMBEDDED, List.of()),
    REDIRECT_PAYS("iDEAL pays", null, CheckoutMode.PAYMENT, "eur", Profile.PLAIN, List.of("ideal")),
    REDIRECT_FAILS("iDEAL fails, abandon", CancellationReason.REDIRECT_PAYMENT_FAILED, CheckoutMode.PAYMENT, "eur",
            Profile.PLAIN, List.of("ideal")),
    VOUCHER_PAID("Konbini voucher paid", null, CheckoutMode.PAYMENT, "jpy", Profile.PLAIN, List.of("konbini")),
    VOUCHER_EXPIRES("Konbini voucher expires", CancellationReason.VOUCHER_EXPIRED, CheckoutMode.PAYMENT, "jpy",
            Profile.PLAIN, List.of("konbini"));

    /** The default mix, as {@code --customers} takes it. */
    public static final String DEFAULT_MIX = "pay=40,declined-then-pay=6,cancel-then-pay=6,bank-debit-succeeds=6,"
            + "bank-debit-fails=5,abandon=8,ship-with-code=10,trial=5,embedded=4,redirect-pays=4,redirect-fails=2,"
            + "voucher-paid=2,voucher-expires=2";

    private final String label;
    private final CancellationReason cancellation;
    private final CheckoutMode mode;
    private final String currency;
    private final Profile profile;
    private final List<String> methods;

    Story(String label, CancellationReason cancellation) {
        this(label, cancellation, null, null, Profile.PLAIN, List.of());
    }

    Story(String label, CancellationReason cancellation, CheckoutMode mode, String currency, Profile profile,
          List<String> methods) {
        this.label = label;
        this.cancellation = cancellation;
        this.mode = mode;
        this.currency = currency;
        this.profile = profile;
        this.methods = methods;
    }

    public String label() {
        return label;
    }

    /** Whether the order must end fulfilled; otherwise cancelled for {@link #expectedCancellation()}. */
    public boolean endsFulfilled() {
        return cancellation == null;
    }

    public CancellationReason expectedCancellation() {
        return cancellation;
    }

    /** The final {@code OrderState} the status API must report. */
    public String expectedStatus() {
        return endsFulfilled() ? "FULFILLMENT_REQUESTED" : "CANCELLED";
    }

    public String expectedOutcome() {
        return endsFulfilled() ? "FULFILLMENT_REQUESTED" : "CANCELLED " + cancellation;
    }

    /** Bank debits need something to pay: not a setup-mode order. */
    public boolean paysByBankDebit() {
        return this == BANK_DEBIT_SUCCEEDS || this == BANK_DEBIT_FAILS;
    }

    /** The mode this story's order must have, or null for the mix's. */
    public CheckoutMode mode() {
        return mode;
    }

    /** The currency this story's order must have, or null for the mix's. */
    public String currency() {
        return currency;
    }

    /** The Checkout options this story's order sets. */
    public Profile profile() {
        return profile;
    }

    /** The payment method types the order offers; empty for Stripe's dynamic selection. */
    public List<String> methods() {
        return methods;
    }

    /** The name used in {@code --customers}, e.g. {@code declined-then-pay}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Story fromOptionName(String name) {
        for (Story story : values()) {
            if (story.optionName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return story;
            }
        }
        throw new IllegalArgumentException("stories are " + Arrays.stream(values()).map(Story::optionName)
                .collect(Collectors.joining(", ")));
    }
}
