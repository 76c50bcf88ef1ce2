package org.checkoutpipeline.allinone.demo;

import java.util.Locale;
import org.checkoutpipeline.events.CancellationReason;

/** What a demo customer does with their payment page, and how their order must therefore end. */
public enum Story {
    PAY("pay at once", null),
    DECLINED_THEN_PAY("declined, then pay", null),
    CANCEL_THEN_PAY("cancel, come back, pay", null),
    BANK_DEBIT_SUCCEEDS("bank debit succeeds", null),
    BANK_DEBIT_FAILS("bank debit fails", CancellationReason.ASYNC_PAYMENT_FAILED),
    ABANDON("abandon", CancellationReason.CHECKOUT_EXPIRED);

    /** The default mix, as {@code --customers} takes it. */
    public static final String DEFAULT_MIX =
            "pay=60,declined-then-pay=8,cancel-then-pay=8,bank-debit-succeeds=8,bank-debit-fails=6,abandon=10";

    private final String label;
    private final CancellationReason cancellation;

    Story(String label, CancellationReason cancellation) {
        this.label = label;
        this.cancellation = cancellation;
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
        throw new IllegalArgumentException("stories are pay, declined-then-pay, cancel-then-pay, bank-debit-succeeds, "
                + "bank-debit-fails and abandon");
    }
}
